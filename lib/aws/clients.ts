import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
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
let bedrock: BedrockRuntimeClient | undefined;

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

/**
 * Claude through the Bedrock Runtime (Converse). No endpoint is required in embedded mode: there is no embedded
 * Bedrock, so without `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` the client goes to AWS with the standard credential chain
 * (the embedded placeholder credentials would only earn a 403 there). With an endpoint in embedded mode (the tests'
 * Converse-compatible server) the placeholder credentials are used, like the other embedded clients.
 */
export function getBedrockRuntimeClient(): BedrockRuntimeClient {
  if (!bedrock) {
    const config = getConfig();
    const endpoint = config.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    const { credentials: _embedded, ...rest } = common(endpoint);
    bedrock = new BedrockRuntimeClient({
      ...rest,
      ...(config.EMBEDDED && endpoint ? { credentials: EMBEDDED_CREDENTIALS } : {}),
      // lib/ai retries throttling itself (jittered backoff, then the fallback model), and its per-call timeout
      // aborts the request; the handler's own timeout is only a backstop a little beyond it.
      requestHandler: new NodeHttpHandler({
        connectionTimeout: 3_000,
        requestTimeout: config.BEDROCK_TIMEOUT_MS + 5_000,
      }),
      maxAttempts: 1,
    });
  }
  return bedrock;
}

/** Drops cached clients, so the next call reads the (changed) configuration. */
export function resetClients(): void {
  dynamo?.destroy();
  kinesis?.destroy();
  bedrock?.destroy();
  dynamo = undefined;
  doc = undefined;
  kinesis = undefined;
  bedrock = undefined;
}
