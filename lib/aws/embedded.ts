import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import path from 'node:path';
import dynalite from 'dynalite';
import kinesalite from 'kinesalite';

export interface EmbeddedStack {
  dynamodbEndpoint: string;
  kinesisEndpoint: string;
  /** Requests served so far, by API and operation ("dynamodb PutItem"): what the benchmarks count per order. */
  requestCounts(): Record<string, number>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  host?: string;
  dynamodbPort?: number;
  kinesisPort?: number;
}

async function listen(server: Server, port: number, host: string, name: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${name} port ${port} is already in use; choose another or 0 for a free one.`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/**
 * Starts dynalite (DynamoDB API) and kinesalite (Kinesis API) in this process, persisted under dataDir.
 * The caller must own dataDir (acquireDataDir) — LevelDB allows one process per directory.
 */
export async function startEmbeddedStack(options: EmbeddedOptions): Promise<EmbeddedStack> {
  const host = options.host ?? '127.0.0.1';
  const dynamoDir = path.join(options.dataDir, 'dynamodb');
  const kinesisDir = path.join(options.dataDir, 'kinesis');
  fs.mkdirSync(dynamoDir, { recursive: true });
  fs.mkdirSync(kinesisDir, { recursive: true });

  const dynamo = dynalite({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const kinesis = kinesalite({ path: kinesisDir, createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 });
  const counts: Record<string, number> = {};
  for (const [server, api] of [
    [dynamo, 'dynamodb'],
    [kinesis, 'kinesis'],
  ] as const) {
    server.prependListener('request', (request: IncomingMessage) => {
      const operation = `${api} ${String(request.headers['x-amz-target'] ?? '?')
        .split('.')
        .pop()}`;
      counts[operation] = (counts[operation] ?? 0) + 1;
    });
  }
  try {
    const dynamoPort = await listen(dynamo, options.dynamodbPort ?? 0, host, 'DYNAMODB_PORT');
    const kinesisPort = await listen(kinesis, options.kinesisPort ?? 0, host, 'KINESIS_PORT');
    return {
      dynamodbEndpoint: `http://${host}:${dynamoPort}`,
      kinesisEndpoint: `http://${host}:${kinesisPort}`,
      requestCounts: () => ({ ...counts }),
      async stop() {
        await Promise.all([close(dynamo), close(kinesis)]);
      },
    };
  } catch (error) {
    await Promise.all([close(dynamo), close(kinesis)]);
    throw error;
  }
}
