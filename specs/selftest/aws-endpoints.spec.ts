import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { LOCAL_CREDENTIALS, verifySigV4 } from '../../harness/protocol/sigv4.ts';
import { runLsc } from './cli-process.ts';

// `lsc aws endpoints` against a stand-in for AWS: CloudFormation's query protocol and Lambda's
// GetFunctionUrlConfig, answered as AWS answers them, reached through the SDK's own endpoint
// overrides. The stand-in refuses any request that is not SigV4-signed for its region.
const REGION = 'eu-west-1';
const STACK = 'lsc-fixtures';
const resources = [
  ['SseTicker', 'lsc-fixtures-SseTicker-A1b2C3', 'AWS::Lambda::Function'],
  ['SseTickerIam', 'lsc-fixtures-SseTickerIam-D4e5F6', 'AWS::Lambda::Function'],
  ['Plain', 'lsc-fixtures-Plain-G7h8I9', 'AWS::Lambda::Function'],
  ['SseTickerRole', 'lsc-fixtures-SseTickerRole-J0k1L2', 'AWS::IAM::Role'],
];
const urls: Record<string, { FunctionUrl: string; AuthType: string; InvokeMode: string }> = {
  'lsc-fixtures-SseTicker-A1b2C3': {
    FunctionUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/',
    AuthType: 'NONE',
    InvokeMode: 'RESPONSE_STREAM',
  },
  'lsc-fixtures-SseTickerIam-D4e5F6': {
    FunctionUrl: 'https://def456.lambda-url.eu-west-1.on.aws/',
    AuthType: 'AWS_IAM',
    InvokeMode: 'RESPONSE_STREAM',
  },
};

const listStackResources = () => `<ListStackResourcesResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <ListStackResourcesResult><StackResourceSummaries>${resources
    .map(
      ([logical, physical, type]) =>
        `<member><LogicalResourceId>${logical}</LogicalResourceId><PhysicalResourceId>${physical}</PhysicalResourceId><ResourceType>${type}</ResourceType><LastUpdatedTimestamp>2026-11-29T10:00:00Z</LastUpdatedTimestamp><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>`,
    )
    .join('')}</StackResourceSummaries></ListStackResourcesResult>
  <ResponseMetadata><RequestId>5ccc7dcd-744c-11e5-be70-example</RequestId></ResponseMetadata>
</ListStackResourcesResponse>`;

async function standInForAws(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    const answer = async () => {
      const body = Buffer.concat(chunks);
      const refusal = await verifySigV4(
        { method: request.method!, rawUrl: request.url!, headers: request.headers, body },
        { credentials: LOCAL_CREDENTIALS, region: REGION, service: request.url === '/' ? 'cloudformation' : 'lambda' },
      );
      if (refusal) {
        response
          .writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': refusal.errorType })
          .end(JSON.stringify({ message: refusal.message }));
        return;
      }
      if (request.method === 'POST' && request.url === '/') {
        const form = new URLSearchParams(body.toString());
        seen.push(`${form.get('Action')} ${form.get('StackName')}`);
        if (form.get('StackName') !== STACK) {
          response
            .writeHead(400, { 'content-type': 'text/xml' })
            .end(
              `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${form.get('StackName')} does not exist</Message></Error><RequestId>x</RequestId></ErrorResponse>`,
            );
          return;
        }
        response.writeHead(200, { 'content-type': 'text/xml' }).end(listStackResources());
        return;
      }
      const match = /^\/2021-10-31\/functions\/([^/]+)\/url$/.exec(request.url ?? '');
      if (request.method === 'GET' && match) {
        const name = decodeURIComponent(match[1]!);
        seen.push(`GetFunctionUrlConfig ${name}`);
        const config = urls[name];
        if (!config) {
          response
            .writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' })
            .end(JSON.stringify({ Type: 'User', Message: `The resource you requested does not exist.` }));
          return;
        }
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ...config, FunctionArn: `arn:aws:lambda:${REGION}:123456789012:function:${name}` }));
        return;
      }
      response.writeHead(404).end();
    };
    request.on('end', () => void answer());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('lsc aws endpoints: a stack’s functions, Function URLs and auth modes become an endpoint map; a missing stack is a clear error', async () => {
  const aws = await standInForAws();
  const dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-aws-'));
  const env = {
    AWS_ENDPOINT_URL_CLOUDFORMATION: aws.url,
    AWS_ENDPOINT_URL_LAMBDA: aws.url,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_PROFILE: 'lsc-selftest-none',
  };
  try {
    const out = join(dir, 'aws.yaml');
    const run = await runLsc(['aws', 'endpoints', '--stack', STACK, '--region', REGION, '--out', out], { timeoutMs: 60_000, env });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('3 functions of stack lsc-fixtures in eu-west-1, 2 with a Function URL (1 AWS_IAM)');
    const map = parseYaml(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(map).toEqual({
      target: 'aws',
      version: 'eu-west-1 stack lsc-fixtures',
      invokeAuth: 'aws_iam',
      region: REGION,
      functions: {
        Plain: {
          invokeUrl: `${aws.url}/2015-03-31/functions/lsc-fixtures-Plain-G7h8I9/invocations`,
          streamInvokeUrl: `${aws.url}/2021-11-15/functions/lsc-fixtures-Plain-G7h8I9/response-streaming-invocations`,
        },
        SseTicker: {
          url: 'https://abc123.lambda-url.eu-west-1.on.aws/',
          invokeMode: 'RESPONSE_STREAM',
          auth: 'none',
          invokeUrl: `${aws.url}/2015-03-31/functions/lsc-fixtures-SseTicker-A1b2C3/invocations`,
          streamInvokeUrl: `${aws.url}/2021-11-15/functions/lsc-fixtures-SseTicker-A1b2C3/response-streaming-invocations`,
        },
        SseTickerIam: {
          url: 'https://def456.lambda-url.eu-west-1.on.aws/',
          invokeMode: 'RESPONSE_STREAM',
          auth: 'aws_iam',
          invokeUrl: `${aws.url}/2015-03-31/functions/lsc-fixtures-SseTickerIam-D4e5F6/invocations`,
          streamInvokeUrl: `${aws.url}/2021-11-15/functions/lsc-fixtures-SseTickerIam-D4e5F6/response-streaming-invocations`,
        },
      },
    });
    expect(aws.seen).toContain(`ListStackResources ${STACK}`);

    const missing = await runLsc(['aws', 'endpoints', '--stack', 'no-such-stack', '--region', REGION, '--out', join(dir, 'x.yaml')], {
      timeoutMs: 60_000,
      env,
    });
    expect(missing.code, missing.output).toBe(2);
    expect(missing.output).toMatch(
      /lsc: CloudFormation could not list the resources of stack "no-such-stack" in eu-west-1: ValidationError: Stack with id no-such-stack does not exist/,
    );
    expect(missing.output).not.toMatch(/\n\s+at /);

    const noStack = await runLsc(['aws', 'endpoints', '--region', REGION], { timeoutMs: 30_000, env });
    expect(noStack.code, noStack.output).toBe(3);
    expect(noStack.output).toMatch(/needs --stack NAME/);
  } finally {
    await aws.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
