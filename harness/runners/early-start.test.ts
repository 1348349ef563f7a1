import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { EARLY_START_ENV, EARLY_START_PRELOAD, prepareEarlyStart } from './early-start.ts';

// The early process echoes its stdin and then waits, so the taker can see that it got its input and
// that its output waited for the taker.
const ECHO = [process.execPath, '-e', 'process.stdin.pipe(process.stdout); setInterval(() => {}, 1000)'];

// The runner's side in a process of its own, preloaded as `lsc run` preloads Playwright's runner.
function runnerSide(asked: { command: string[]; input: string }): string {
  return `
import { takeEarlyStart } from ${JSON.stringify(new URL('./early-start.ts', import.meta.url).href)};
const child = takeEarlyStart(${JSON.stringify(asked.command)}, ${JSON.stringify(asked.input)});
const seen = { taken: Boolean(child), variableLeft: process.env.${EARLY_START_ENV} ?? null };
if (!child) {
  console.log(JSON.stringify(seen));
} else {
  child.stdout.once('data', (data) => {
    console.log(JSON.stringify({ ...seen, echoed: data.toString() }));
    child.kill();
  });
}
`;
}

async function inRunner(asked: { command: string[]; input: string }, prepared?: { command: string[]; input: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'lsc-early-start-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (prepared) env[EARLY_START_ENV] = prepareEarlyStart(dir, prepared);
    const tsx = fileURLToPath(import.meta.resolve('tsx'));
    const child = spawn(
      process.execPath,
      ['--import', EARLY_START_PRELOAD, '--import', tsx, '--input-type=module', '-e', runnerSide(asked)],
      {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    await new Promise((resolve) => child.on('exit', resolve));
    return JSON.parse(output.trim()) as { taken: boolean; variableLeft: string | null; echoed?: string };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the runner takes over the process started for it, with its input given and its output kept, and its children never see the variable', async () => {
  const launch = { command: ECHO, input: '{"functions":[]}' };
  expect(await inRunner(launch, launch)).toEqual({ taken: true, variableLeft: null, echoed: '{"functions":[]}' });
});

test('a process started with another input or command is not taken over', async () => {
  expect(await inRunner({ command: ECHO, input: 'asked' }, { command: ECHO, input: 'prepared' })).toEqual({
    taken: false,
    variableLeft: null,
  });
  expect(await inRunner({ command: [...ECHO, 'x'], input: 'same' }, { command: ECHO, input: 'same' })).toEqual({
    taken: false,
    variableLeft: null,
  });
});

test('without the variable the preload starts nothing, as in every worker', async () => {
  expect(await inRunner({ command: ECHO, input: 'asked' })).toEqual({ taken: false, variableLeft: null });
});
