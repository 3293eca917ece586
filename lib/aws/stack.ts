import { getConfig, resetConfig } from '../config';
import { resetClients } from './clients';
import { acquireDataDir, readOwner, DataDirInUseError, type DataDirLock } from './data-dir-lock';
import { startEmbeddedStack, type EmbeddedStack } from './embedded';

export interface StackHandle {
  /** How this process reaches DynamoDB and Kinesis. */
  mode: 'aws' | 'embedded-owner' | 'embedded-attached';
  lock?: DataDirLock;
  /** Requests the embedded servers served so far, by operation (only when this process runs them). */
  requestCounts?: () => Record<string, number>;
  close(): Promise<void>;
}

function pointAt(dynamodbEndpoint: string, kinesisEndpoint: string): void {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodbEndpoint;
  process.env.AWS_ENDPOINT_URL_KINESIS = kinesisEndpoint;
  resetConfig();
  resetClients();
}

/**
 * Makes DynamoDB and Kinesis reachable for this process. On AWS (EMBEDDED=false) or when endpoints are given there
 * is nothing to start. In embedded mode a CLI attaches to the running `npm start` that owns DATA_DIR, or else owns
 * DATA_DIR itself and starts the embedded servers; `own: true` refuses to attach (npm start must be the only owner).
 */
export async function openStack(options: { own?: boolean } = {}): Promise<StackHandle> {
  const config = getConfig();
  if (
    !config.EMBEDDED ||
    (config.AWS_ENDPOINT_URL_DYNAMODB && config.AWS_ENDPOINT_URL_KINESIS && !options.own)
  ) {
    return { mode: 'aws', close: async () => undefined };
  }
  const owner = readOwner(config.dataDir);
  if (owner && (options.own || !owner.dynamodbEndpoint || !owner.kinesisEndpoint)) {
    throw new DataDirInUseError(config.dataDir, owner);
  }
  if (owner?.dynamodbEndpoint && owner.kinesisEndpoint) {
    pointAt(owner.dynamodbEndpoint, owner.kinesisEndpoint);
    return { mode: 'embedded-attached', close: async () => undefined };
  }
  const lock = acquireDataDir(config.dataDir);
  let stack: EmbeddedStack;
  try {
    stack = await startEmbeddedStack({
      dataDir: config.dataDir,
      dynamodbPort: config.DYNAMODB_PORT,
      kinesisPort: config.KINESIS_PORT,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  lock.update({ dynamodbEndpoint: stack.dynamodbEndpoint, kinesisEndpoint: stack.kinesisEndpoint });
  pointAt(stack.dynamodbEndpoint, stack.kinesisEndpoint);
  return {
    mode: 'embedded-owner',
    lock,
    requestCounts: () => stack.requestCounts(),
    async close() {
      resetClients();
      await stack.stop();
      lock.release();
    },
  };
}
