import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { getConfig } from '../config';

// SDK versions are pinned in package.json (docs/deployment.md: move to Node 22 before upgrading them), so the
// SDK's Node 20 end-of-support notice says nothing actionable at every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Static credentials for the embedded servers, which accept any. */
const EMBEDDED_CREDENTIALS = { accessKeyId: 'embedded', secretAccessKey: 'embedded' };

let dynamo: DynamoDBClient | undefined;
let doc: DynamoDBDocumentClient | undefined;
let kinesis: KinesisClient | undefined;

function common(endpoint: string | undefined) {
  const config = getConfig();
  return {
    region: config.AWS_REGION,
    ...(endpoint ? { endpoint } : {}),
    ...(config.EMBEDDED ? { credentials: EMBEDDED_CREDENTIALS } : {}),
    // HTTP/1.1 keep-alive: the embedded servers speak no HTTP/2, and AWS accepts HTTP/1.1 for every call we make.
    requestHandler: new NodeHttpHandler({ connectionTimeout: 3_000, requestTimeout: 30_000 }),
    maxAttempts: 4,
  };
}

function requireEndpoint(name: 'AWS_ENDPOINT_URL_DYNAMODB' | 'AWS_ENDPOINT_URL_KINESIS'): string | undefined {
  const config = getConfig();
  const endpoint = config[name];
  if (config.EMBEDDED && !endpoint) {
    throw new Error(
      `${name} is not set: in embedded mode the stack must be started first (npm start, or attachOrStartStack()).`,
    );
  }
  return endpoint;
}

export function getDynamoClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient(common(requireEndpoint('AWS_ENDPOINT_URL_DYNAMODB')));
  return dynamo;
}

export function getDocClient(): DynamoDBDocumentClient {
  doc ??= DynamoDBDocumentClient.from(getDynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return doc;
}

export function getKinesisClient(): KinesisClient {
  kinesis ??= new KinesisClient(common(requireEndpoint('AWS_ENDPOINT_URL_KINESIS')));
  return kinesis;
}

/** Drops cached clients, so the next call reads the (changed) configuration. */
export function resetClients(): void {
  dynamo?.destroy();
  kinesis?.destroy();
  dynamo = undefined;
  doc = undefined;
  kinesis = undefined;
}
