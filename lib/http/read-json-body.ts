import { ApiError, badRequest } from './errors';

const DEFAULT_MAX_BODY_BYTES = 1_048_576;

const tooLarge = (max: number) =>
  new ApiError(413, 'Payload too large', `The request body exceeds the limit of ${max} bytes.`);

/** Reads a body as text with a hard size limit, without trusting Content-Length alone (chunked bodies have none). */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body: 415 unless JSON, 413 over the limit, 400 when empty or malformed. */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      415,
      'Unsupported media type',
      'Send the body as JSON with Content-Type: application/json.',
    );
  }
  const text = await readBodyText(request, maxBytes);
  if (!text.trim()) throw badRequest('The request body is empty; send a JSON document.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`Malformed JSON: ${(error as Error).message}.`);
  }
}
