import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bedrock Runtime stand-in for the tests: `POST /model/{modelId}/converse` over plain HTTP/1.1 on a free port,
 * answering each request with the next scripted behaviour and recording what it was sent. The response and error
 * shapes are those of the Converse API (restJson1: the error type in `x-amzn-errortype`, `{"message"}` in the body),
 * so the real BedrockRuntimeClient parses them as it would AWS's.
 */

export interface ScriptedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
}

export type Behaviour =
  /** A JSON answer (a narrative, or anything else), optionally in a ```json fence. */
  | { kind: 'json'; value: unknown; fenced?: boolean; usage?: Partial<ScriptedUsage> }
  /** Any text as the answer, e.g. prose instead of JSON. */
  | { kind: 'text'; text: string; usage?: Partial<ScriptedUsage> }
  /** HTTP 429 ThrottlingException. */
  | { kind: 'throttle' }
  /** HTTP 503 ServiceUnavailableException. */
  | { kind: 'unavailable' }
  /** HTTP 500 InternalServerException. */
  | { kind: 'error' }
  /** No answer for `ms` (then a JSON answer, if the client is still there). */
  | { kind: 'hang'; ms: number; value: unknown };

export interface RecordedRequest {
  modelId: string;
  /** The raw body, to search for what must never be sent. */
  raw: string;
  body: ConverseBody;
  behaviour: Behaviour['kind'] | 'unscripted';
  /** The client went away before the answer (an aborted request). */
  aborted: boolean;
}

export interface ConverseBody {
  system?: { text: string }[];
  messages: { role: string; content: { text?: string }[] }[];
  inferenceConfig?: { maxTokens?: number; temperature?: number };
}

export interface ConverseServer {
  url: string;
  requests: RecordedRequest[];
  /** Appends behaviours to the queue; each request takes the first. */
  script(...behaviours: Behaviour[]): void;
  /** Forgets the queue and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_USAGE: ScriptedUsage = {
  inputTokens: 1_180,
  outputTokens: 240,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
};

const PATH = /^\/model\/([^/]+)\/converse$/;

let requestCount = 0;

function send(res: http.ServerResponse, status: number, body: unknown, errorType?: string): void {
  requestCount += 1;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': `req-${String(requestCount).padStart(6, '0')}`,
  };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function answer(res: http.ServerResponse, text: string, usage: Partial<ScriptedUsage> = {}): void {
  const u = { ...DEFAULT_USAGE, ...usage };
  send(res, 200, {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: 'end_turn',
    usage: {
      ...u,
      totalTokens: u.inputTokens + u.outputTokens + u.cacheReadInputTokens + u.cacheWriteInputTokens,
    },
    metrics: { latencyMs: 412 },
  });
}

const asText = (value: unknown, fenced = false) => {
  const json = JSON.stringify(value, null, fenced ? 2 : undefined);
  return fenced ? `Here is the insight:\n\`\`\`json\n${json}\n\`\`\`` : json;
};

export async function startConverseServer(): Promise<ConverseServer> {
  let queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = PATH.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        send(res, 404, { message: `no route for ${req.method} ${req.url}` }, 'ResourceNotFoundException');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const behaviour = queue.shift();
      const record: RecordedRequest = {
        modelId: decodeURIComponent(match[1]!),
        raw,
        body: JSON.parse(raw) as ConverseBody,
        behaviour: behaviour?.kind ?? 'unscripted',
        aborted: false,
      };
      requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.aborted = true;
      });
      switch (behaviour?.kind) {
        case 'json':
          return answer(res, asText(behaviour.value, behaviour.fenced), behaviour.usage);
        case 'text':
          return answer(res, behaviour.text, behaviour.usage);
        case 'throttle':
          return send(
            res,
            429,
            { message: 'Too many requests, please wait before trying again.' },
            'ThrottlingException',
          );
        case 'unavailable':
          return send(
            res,
            503,
            { message: 'Bedrock is unable to process your request.' },
            'ServiceUnavailableException',
          );
        case 'error':
          return send(
            res,
            500,
            { message: 'The server encountered an internal error.' },
            'InternalServerException',
          );
        case 'hang': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!res.destroyed) answer(res, asText(behaviour.value));
          }, behaviour.ms);
          timers.add(timer);
          return;
        }
        default:
          // A test that sends more requests than it scripted fails loudly rather than hanging.
          return send(res, 500, { message: 'no scripted behaviour left' }, 'InternalServerException');
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...behaviours) => queue.push(...behaviours),
    reset: () => {
      queue = [];
      requests.length = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
