import { header, statusLabel } from '../harness/observe/timeline.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { expect, type CaseFixtures } from '../harness/playwright/fixtures.ts';

/**
 * The normal paths that cases expecting a failure prove first, on the same target and function, so
 * that an emulator which fails everything earns INCONCLUSIVE, never PASS.
 */
export async function faultsWellFormed({
  functionUrl,
  evidence,
  precondition,
}: Pick<CaseFixtures, 'functionUrl' | 'evidence' | 'precondition'>): Promise<void> {
  await precondition('the same function’s well-formed variant answers its 201 and body', async () => {
    const timeline = await observeHttp(`${functionUrl('Faults')}?mode=well-formed`, { timeoutMs: 15_000 });
    await evidence.timeline('normal-path', timeline);
    expect(timeline.status, statusLabel(timeline)).toBe(201);
    expect(header(timeline, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('well-formed');
    expect(timeline.bodyHead.toString('utf8'), 'body').toBe('well-formed body\n');
    expect(timeline.ending, 'how it ended').toBe('complete');
  });
}
