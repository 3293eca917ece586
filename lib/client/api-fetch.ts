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
