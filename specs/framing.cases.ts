import { header, statusLabel } from '../harness/observe/timeline.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { expect, lscTest } from '../harness/playwright/fixtures.ts';

const plainBody = 'plain streamed body\n';

lscTest('FRAMING-001', async ({ functionUrl, evidence }) => {
  const timeline = await observeHttp(functionUrl('Plain'), { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  // Framing is judged on the function's own answer, not on an error page.
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(timeline.bodyHead.toString('utf8'), 'body').toBe(plainBody);
  expect(header(timeline, 'transfer-encoding'), 'transfer-encoding').toBe('chunked');
  expect(header(timeline, 'content-length'), 'content-length').toBeUndefined();
  expect(timeline.ending, 'how the response ended').toBe('complete');
});

lscTest('FRAMING-002', async ({ functionUrl, evidence }) => {
  const timeline = await observeHttp(functionUrl('Plain'), { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(header(timeline, 'content-type'), 'content-type').toBe('application/octet-stream');
  expect(timeline.bodyHead.toString('utf8'), 'body').toBe(plainBody);
});

lscTest('FRAMING-003', async ({ functionUrl, evidence }) => {
  const timeline = await observeHttp(`${functionUrl('Plain')}?type=text/plain`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(header(timeline, 'content-type'), 'content-type').toBe('text/plain');
  expect(timeline.bodyHead.toString('utf8'), 'body').toBe(plainBody);
});

lscTest('FRAMING-004', async ({ functionUrl, evidence }) => {
  const timeline = await observeHttp(functionUrl('Plain'), { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(header(timeline, 'x-amzn-requestid') ?? '(no such header)', 'x-amzn-RequestId').toMatch(/^[0-9a-f-]{36}$/i);
});
