import { header, statusLabel } from '../harness/observe/timeline.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { answerOf } from '../harness/verdict/answer.ts';
import { expect, lscTest, type CaseFixtures } from '../harness/playwright/fixtures.ts';
import { faultsWellFormed } from './normal-paths.ts';

/** A malformed response must not take the function down: the next invocation completes. */
async function expectStillServing({ functionUrl, evidence }: Pick<CaseFixtures, 'functionUrl' | 'evidence'>): Promise<void> {
  const next = await observeHttp(`${functionUrl('Faults')}?mode=empty`, { timeoutMs: 15_000 });
  await evidence.timeline('next', next);
  expect(next.status, 'the function still answers').toBe(200);
  expect(next.ending, 'and completes').toBe('complete');
}

lscTest('MALFORMED-001', async ({ functionUrl, evidence, precondition, accept }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=invalid-prelude`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  accept(answerOf(timeline));
  expect(timeline.bodyHead.toString('latin1'), 'body').not.toContain('body');
  await expectStillServing({ functionUrl, evidence });
});

lscTest('MALFORMED-002', async ({ functionUrl, evidence, precondition }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=missing-delimiter`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(502);
  expect(header(timeline, 'x-lsc-fixture'), 'the prelude’s headers').toBeUndefined();
});

lscTest('MALFORMED-003', async ({ functionUrl, evidence, targetLogs, precondition, accept }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=bad-response-mode`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  const logs = await targetLogs();
  const answered = logs?.match(/runtime API answered (\d+) to response mode "Streaming"/)?.[1];
  evidence.observed(`client got ${timeline.status}, ended ${timeline.ending}; the runtime got ${answered ?? 'an unknown status'}`);
  accept(answerOf(timeline));
  expect(timeline.bodyHead.toString('utf8'), 'body').not.toContain('written with a bad response mode');
  await expectStillServing({ functionUrl, evidence });
});
