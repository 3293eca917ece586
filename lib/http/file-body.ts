import { ApiError } from './errors';

/**
 * A request whose body is a file (the import endpoints): the body as a stream, untouched, and the size the sender
 * declared. No body, or `Content-Length: 0`, is `body: null`. A multipart form is refused with 415: the file itself
 * is the body, so it streams to disk as it arrives.
 */
export function fileBody(request: Request): {
  body: ReadableStream<Uint8Array> | null;
  declaredBytes?: number;
} {
  const type = request.headers.get('content-type') ?? '';
  if (/^multipart\//i.test(type))
    throw new ApiError(
      415,
      'Unsupported media type',
      'Send the file itself as the request body (curl --data-binary @orders.csv -H "content-type: text/csv"), not as a multipart form.',
    );
  const length = request.headers.get('content-length');
  const declaredBytes = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
  return { body: declaredBytes === 0 ? null : request.body, declaredBytes };
}
