import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { endGroup, groupRunning } from './process-group.ts';

/** A group whose leader exits at once and leaves `script`'s background job running, as Playwright's runner can leave its workers. */
async function orphanedGroup(script: string): Promise<number> {
  const leader = spawn('sh', ['-c', `${script} & exit 0`], { detached: true, stdio: 'ignore' });
  await new Promise((resolve) => leader.once('exit', resolve));
  return leader.pid!;
}

test('a group that outlives its leader is killed once the grace is over', async () => {
  const pgid = await orphanedGroup('trap "" INT TERM; sleep 30');
  expect(groupRunning(pgid), 'the background job runs on after its leader').toBe(true);
  const started = Date.now();
  await endGroup(pgid, 300);
  expect(groupRunning(pgid)).toBe(false);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('a group that ends within the grace ends by itself, its work done', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsc-group-test-'));
  try {
    const marker = join(dir, 'done');
    const pgid = await orphanedGroup(`(sleep 0.3; touch ${marker})`);
    await endGroup(pgid, 10_000);
    expect(groupRunning(pgid)).toBe(false);
    expect(existsSync(marker), 'the straggler finished instead of being killed').toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
