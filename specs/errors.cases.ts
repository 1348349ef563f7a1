import { observeSse } from '../harness/observe/sse.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { answerOf } from '../harness/verdict/answer.ts';
import { toTimedFrames } from '../harness/verdict/cadence.ts';
import { emulatorLines } from '../harness/verdict/emulator-log.ts';
import { expect, lscTest, test, type CaseFixtures } from '../harness/playwright/fixtures.ts';
import { faultsWellFormed } from './normal-paths.ts';
import type { Language } from '../harness/template/function-spec.ts';

const interval = 500;

lscTest('ERR-001', async ({ functionUrl, evidence, precondition, accept }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=throw-before-write`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.ending, 'the response must end, not hang').not.toBe('timeout');
  accept(answerOf(timeline));
});

type MidStream = Pick<CaseFixtures, 'functionUrl' | 'evidence' | 'accept'>;

async function midStreamFailure({ functionUrl, evidence, accept }: MidStream, mode: string): Promise<void> {
  const { timeline, frames } = await observeSse(`${functionUrl('Faults')}?mode=${mode}&interval=${interval}`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  // The normal part of the same response: the prelude's status and the frames written before the error.
  expect(timeline.status, 'the status the prelude set').toBe(200);
  expect(
    toTimedFrames(frames).timed.map((frame) => frame.seq),
    'frames written before the error',
  ).toEqual([0, 1]);
  expect(timeline.ending, 'the response must end, not hang').not.toBe('timeout');
  accept(answerOf(timeline));
}

lscTest('ERR-002', async ({ functionUrl, evidence, accept }) => midStreamFailure({ functionUrl, evidence, accept }, 'throw-mid-stream'));

lscTest('ERR-003', async ({ functionUrl, evidence, accept }) => midStreamFailure({ functionUrl, evidence, accept }, 'destroy-mid-stream'));

/** The error type each runtime client reports for the fixture's error: Node the Error's name, Go the error's Go type. */
const ERROR_TYPE: Partial<Record<Language, string>> = { node: 'Error', go: 'errorString' };

lscTest('ERR-004', async ({ functionUrl, evidence, targetLogs, language }) => {
  const logsBefore = await targetLogs();
  test.skip(logsBefore === undefined, 'UNSUPPORTED: the target exposes no logs');
  const { timeline } = await observeSse(`${functionUrl('Faults')}?mode=throw-mid-stream&interval=${interval}`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  const message = 'fixture failure after two frames';
  // The function prints the error itself ("Invoke Error" from the runtime client): that is not the
  // emulator's record, so only the emulator's own lines count. The record is written when the
  // invocation settles, which may be just after the client saw the end: bounded polling.
  let ownLines: string[] = [];
  let printedByFunction = false;
  for (let attempt = 0; attempt < 50; attempt++) {
    const logs = (await targetLogs()) ?? '';
    ownLines = emulatorLines(logs).filter((line) => line.includes(message));
    printedByFunction = logs.includes(message);
    if (ownLines.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  evidence.observed(
    `${ownLines.length} emulator log lines name the message${printedByFunction && ownLines.length === 0 ? '; only the function’s own output does' : ''}`,
  );
  expect(
    ownLines.length,
    `lines the emulator itself logged with the error message${printedByFunction ? ' (the function printed it, the emulator did not)' : ''}`,
  ).toBeGreaterThan(0);
  const errorType = ERROR_TYPE[language]!;
  expect(
    ownLines.some((line) => new RegExp(`\\b${errorType}\\b`).test(line)),
    `the error type "${errorType}" next to the message: ${ownLines.join(' | ').slice(0, 500)}`,
  ).toBe(true);
});
