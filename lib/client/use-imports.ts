'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StoreUnits } from '../overview/store-units';
import type { ImportAnalysisRun, RejectsPage } from '../imports/get-import-status';
import type { FileColumns, ImportUpload, MappingTargets } from '../imports/import-uploads';
import type { ImportView } from '../imports/import-view';
import type { ImportPreview } from '../imports/preview-import';
import type { RejectExample } from '../imports/reject-examples';
import { apiFetch, apiUpload, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

export type {
  ImportView,
  ImportPreview,
  RejectsPage,
  RejectExample,
  ImportAnalysisRun,
  StoreUnits,
  ImportUpload,
  FileColumns,
  MappingTargets,
};

export interface ImportHistoryPage {
  imports: ImportView[];
  nextCursor: string | null;
  store: StoreUnits;
}

export interface ImportStatus {
  import: ImportView;
  rejects?: RejectsPage;
  /** The analysis run a finished import queued, as it stands now. */
  analysisRun?: ImportAnalysisRun;
  store: StoreUnits;
}

export interface UploadedFile {
  upload: ImportUpload;
  file: FileColumns;
  mapping: MappingTargets;
}

/** How a file is to be read: the options every import endpoint takes in its query string. */
export interface ReadChoice {
  format: 'auto' | 'canonical' | 'shopify' | 'ndjson';
  /** File column → import column. */
  map: Record<string, string>;
  productsUploadId?: string;
}

/** While an import runs its progress is read this often. */
const IMPORT_POLL_MS = 1_000;
/** The analysis run a finished import queued: read this often until it has ended. */
const ANALYSIS_POLL_MS = 5_000;

/** The query string of a read choice, for an upload (repeated `map=source=target`). */
export function choiceQuery(
  uploadId: string,
  choice: ReadChoice,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ upload: uploadId, format: choice.format, ...extra });
  for (const [source, target] of Object.entries(choice.map)) params.append('map', `${source}=${target}`);
  if (choice.productsUploadId) params.set('products', choice.productsUploadId);
  return params.toString();
}

/**
 * Past imports, newest first; re-read every 2 s while one is running (it changes as it goes) or `watching` one the
 * page started (its row appears once its file is checked), else now and then.
 */
export function useImportHistory(initialData?: ImportHistoryPage, watching = false) {
  return useQuery<ImportHistoryPage, ApiProblem>({
    queryKey: queryKeys.importHistory(),
    queryFn: () => apiFetch<ImportHistoryPage>('/api/v1/imports?limit=20'),
    initialData,
    refetchInterval: (query) =>
      watching || query.state.data?.imports.some((i) => i.status === 'running') ? 2_000 : 30_000,
  });
}

/**
 * One import or dry run (a page of its rejected lines once it has ended), read every second while it runs, then
 * every few seconds until the analysis run it queued has ended.
 */
export function useImport(
  importId: string | null,
  rejects: { offset: number; limit: number },
  initialData?: ImportStatus,
) {
  return useQuery<ImportStatus, ApiProblem>({
    queryKey: queryKeys.importJob(importId ?? '', rejects.offset),
    queryFn: () =>
      apiFetch<ImportStatus>(
        `/api/v1/imports/${encodeURIComponent(importId ?? '')}?rejectsOffset=${rejects.offset}&rejectsLimit=${rejects.limit}`,
      ),
    enabled: importId !== null,
    initialData,
    placeholderData: keepPreviousData,
    // While it runs, every second; once it has ended, now and then while the analysis run it queued is under way.
    refetchInterval: (query) =>
      query.state.data?.import.status === 'running'
        ? IMPORT_POLL_MS
        : query.state.data?.analysisRun?.status === 'running'
          ? ANALYSIS_POLL_MS
          : false,
    staleTime: 0,
  });
}

/** Sends a file to the server (streamed to disk there), reporting the bytes sent as it goes. */
export function useUploadImportFile() {
  return useMutation<
    UploadedFile,
    ApiProblem,
    { file: File; onProgress: (share: number) => void; signal?: AbortSignal }
  >({
    mutationFn: ({ file, onProgress, signal }) =>
      apiUpload<UploadedFile>(
        `/api/v1/imports/uploads?name=${encodeURIComponent(file.name)}`,
        file,
        ({ loaded, total }) => onProgress(total ? loaded / total : 0),
        signal,
      ),
  });
}

/** How the server reads an upload with these choices: format, mapping and its first rows (400: why it cannot). */
export function useImportPreview() {
  return useMutation<ImportPreview, ApiProblem, { uploadId: string; choice: ReadChoice }>({
    mutationFn: async ({ uploadId, choice }) =>
      (
        await apiFetch<{ preview: ImportPreview }>(
          `/api/v1/imports/preview?${choiceQuery(uploadId, choice)}`,
          {
            method: 'POST',
          },
        )
      ).preview,
  });
}

/** Starts a dry run or an import of an upload (202); 409 while another one runs. */
export function useStartImport() {
  const client = useQueryClient();
  return useMutation<
    { importId: string; import: ImportView },
    ApiProblem,
    { uploadId: string; choice: ReadChoice; dryRun: boolean }
  >({
    mutationFn: ({ uploadId, choice, dryRun }) =>
      apiFetch(`/api/v1/imports?${choiceQuery(uploadId, choice, { dryRun: String(dryRun) })}`, {
        method: 'POST',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.importHistory() }),
  });
}
