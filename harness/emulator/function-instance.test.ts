import { tmpdir } from 'node:os';
import { expect, test } from '@playwright/test';
import { LogBuffer } from '../core/log-buffer.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import { FunctionInstance } from './function-instance.ts';
import { Invocation, type FunctionError, type ResponseSink } from './invocation.ts';

/**
 * A runtime reduced to its timing: it boots for INIT_MS, takes one event, works on it for WORK_MS and
 * answers with the deadline it was given and when it was given it.
 */
const slowRuntime = `
const api = 'http://' + process.env.AWS_LAMBDA_RUNTIME_API + '/2018-06-01/runtime/invocation/';
setTimeout(async () => {
  const next = await fetch(api + 'next');
  const receivedAt = Date.now();
  const id = next.headers.get('lambda-runtime-aws-request-id');
  const deadline = Number(next.headers.get('lambda-runtime-deadline-ms'));
  await next.text();
  setTimeout(async () => {
    await fetch(api + id + '/response', { method: 'POST', body: JSON.stringify({ receivedAt, deadline }) });
    await fetch(api + 'next');
  }, Number(process.env.WORK_MS));
}, Number(process.env.INIT_MS));
`;

class CollectingSink implements ResponseSink {
  readonly chunks: Buffer[] = [];
  error?: FunctionError;
  streams() {
    return false;
  }
  begin() {}
  write(chunk: Buffer) {
    this.chunks.push(chunk);
    return true;
  }
  writable() {
    return Promise.resolve();
  }
  complete() {}
  fail(error: FunctionError) {
    this.error = error;
  }
  onClientGone() {}
}

async function invokeOnce(timing: { timeoutSeconds: number; initMs: number; workMs: number }) {
  const fn: FunctionSpec = {
    name: 'Slow',
    runtime: 'provided',
    language: 'node',
    handler: '',
    codeUri: tmpdir(),
    timeoutSeconds: timing.timeoutSeconds,
    memorySizeMb: 128,
    environment: {},
    apiEvents: [],
  };
  const instance = new FunctionInstance(fn, 'Slow/1', new LogBuffer(), {
    launch: { command: [process.execPath, '-e', slowRuntime], env: { INIT_MS: String(timing.initMs), WORK_MS: String(timing.workMs) } },
  });
  const sink = new CollectingSink();
  const invocation = new Invocation('Slow', () => Buffer.from('{}'), sink);
  try {
    await instance.start();
    const assignedAt = Date.now();
    // Assigned while the runtime boots, as a cold start's first invoke is.
    instance.assign(invocation);
    await new Promise<void>((resolve) => invocation.onSettled(resolve));
    // The emulator sets the deadline when it hands the event over: one timeout after that moment.
    const deliveredAt = invocation.deadlineMs - timing.timeoutSeconds * 1000;
    return { sink, assignedAt, deliveredAt, settledAt: Date.now() };
  } finally {
    await instance.stop();
  }
}

test('a cold start does not use up the timeout of the invoke that waits for it', async () => {
  const { sink, assignedAt } = await invokeOnce({ timeoutSeconds: 1, initMs: 1500, workMs: 0 });
  expect(sink.error, 'the invoke answered within its timeout once init was over').toBeUndefined();
  const answer = JSON.parse(Buffer.concat(sink.chunks).toString('utf8')) as { receivedAt: number; deadline: number };
  expect(answer.receivedAt - assignedAt, 'the runtime took the event only after its init').toBeGreaterThanOrEqual(1400);
  // The deadline is set when the event is handed over: at most one timeout after the runtime got it,
  // and still ahead of it (set at assignment, it would have passed half a second before).
  expect(answer.deadline - answer.receivedAt).toBeGreaterThan(0);
  expect(answer.deadline - answer.receivedAt).toBeLessThanOrEqual(1000);
});

test('the timeout still cuts an invoke that runs past it', async () => {
  const { sink, deliveredAt, settledAt } = await invokeOnce({ timeoutSeconds: 1, initMs: 0, workMs: 4000 });
  expect(sink.error?.errorType).toBe('Sandbox.Timedout');
  // On a loaded machine the runtime's start varies; from the event's delivery, the cut comes at 1 s.
  expect(settledAt - deliveredAt, 'cut at the timeout, not when the runtime answered').toBeGreaterThanOrEqual(950);
  expect(settledAt - deliveredAt, 'cut at the timeout, not when the runtime answered').toBeLessThan(3000);
});
