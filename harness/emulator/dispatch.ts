import type { ServerResponse } from 'node:http';
import type { FunctionPool } from './function-pool.ts';
import { Invocation, type ResponseSink } from './invocation.ts';
import type { LogBuffer } from '../core/log-buffer.ts';
import type { SinkContext } from './client-sink.ts';

/**
 * Runs one invocation for a front door (Function URL, direct invoke, streaming invoke): logs its
 * start and end like Lambda does, and answers 429 when the function is at its concurrency limit.
 */
export async function dispatch(input: {
  pool: FunctionPool;
  logs: LogBuffer;
  source: string;
  description: string;
  res: ServerResponse;
  payloadFor: (requestId: string) => Buffer;
  sinkFor: (context: SinkContext) => ResponseSink;
}): Promise<void> {
  const { pool, logs, source, res } = input;
  const context: SinkContext = { requestId: '', traceId: '', log: (message) => logs.add(source, message) };
  const sink = input.sinkFor(context);
  const invocation = new Invocation(pool.fn.name, input.payloadFor, sink);
  context.requestId = invocation.id;
  context.traceId = invocation.traceId;
  sink.onClientGone(() => logs.add(source, `${invocation.id} client disconnected; the invocation runs on`));
  logs.add(source, `START RequestId: ${invocation.id} ${input.description}`);
  const started = performance.now();
  invocation.onSettled(() => {
    const outcome = invocation.error ? ` ${invocation.error.errorType}` : '';
    logs.add(source, `END RequestId: ${invocation.id} Duration: ${(performance.now() - started).toFixed(2)} ms${outcome}`);
  });
  try {
    const accepted = await pool.invoke(invocation);
    if (!accepted) {
      invocation.state = 'done';
      res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
      res.end(JSON.stringify({ Message: 'Rate Exceeded.' }));
    }
  } catch (error) {
    invocation.fail({ errorType: 'Runtime.StartError', errorMessage: (error as Error).message });
  }
}
