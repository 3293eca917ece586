/** A problem+json answer from the API, as a typed error the UI can show. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(detail || title);
  }
}

/** The one fetch wrapper of the browser: JSON in and out, problems thrown as ApiProblem. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const p = (data ?? {}) as {
      title?: string;
      detail?: string;
      errors?: { path: string; message: string }[];
    };
    throw new ApiProblem(response.status, p.title ?? response.statusText, p.detail ?? '', p.errors);
  }
  return data as T;
}

/**
 * Sends a file as the request body (the import endpoints stream it to disk) and reports how much has gone, through
 * XMLHttpRequest: fetch has no upload progress. JSON back, problems thrown as ApiProblem, like apiFetch.
 */
export function apiUpload<T>(
  path: string,
  file: Blob,
  onProgress?: (sent: { loaded: number; total: number }) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const p = (data ?? {}) as {
        title?: string;
        detail?: string;
        errors?: { path: string; message: string }[];
      };
      reject(new ApiProblem(xhr.status, p.title ?? xhr.statusText, p.detail ?? '', p.errors));
    };
    xhr.onerror = () =>
      reject(new ApiProblem(0, 'Upload failed', 'The connection broke off during the upload; try again.'));
    xhr.onabort = () => reject(new ApiProblem(0, 'Upload cancelled', 'The upload was cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
