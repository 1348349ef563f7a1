import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.ts';

/** A starting point that already runs: an SSE handler, its template, and a case file judging it. */
const files: Record<string, string> = {
  'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: A reproduction. Put the handler of the report in handler/ and describe it here.

Resources:
  Repro:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: handler/
      Handler: index.handler
      Runtime: nodejs20.x
      Timeout: 30
      FunctionUrlConfig:
        AuthType: NONE
        InvokeMode: RESPONSE_STREAM
      Events:
        Api:
          Type: Api
          Properties: { Path: /repro, Method: get }
`,
  'handler/index.mjs': `// The handler from the report, as the reporter wrote it. Frames carry their emission time so the
// case can judge arrival against emission: keep {"seq", "emittedAt"} if you want a cadence check.
import { setTimeout as sleep } from 'node:timers/promises';

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const stream = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 200,
    headers: { 'content-type': 'text/event-stream' },
  });
  for (let seq = 0; seq < 5; seq++) {
    if (seq > 0) await sleep(1000);
    stream.write(\`data: \${JSON.stringify({ seq, emittedAt: performance.timeOrigin + performance.now() })}\\n\\n\`);
  }
  stream.end();
});
`,
  'case.yaml': `# What must arrive, and when. Run with: lsc repro run <this directory> --target reference,rie
id: REPRO-EXAMPLE
title: five SSE frames arrive one a second
report: https://github.com/aws/aws-sam-cli/issues/6501
function: Repro
via: url              # url (Function URL), invoke (direct invoke) or stream-invoke (InvokeWithResponseStream)
request:
  method: GET
  path: /
expect:
  status: 200
  headers:
    content-type: text/event-stream
  frames: { count: 5, intervalMs: 1000 }
  firstByteWithinMs: 1500
  ending: complete
`,
};

export function scaffoldRepro(dir: string): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new ConfigError(`${dir}: not empty; lsc repro init needs a new or empty directory`);
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return Object.keys(files);
}
