/**
 * The reference emulator as a process of its own. In the test runner's process it shared an event
 * loop with Playwright's bookkeeping and reporters, and every stall there delayed the frames it
 * relays; here it has the loop to itself. Protocol with ReferenceTarget: the functions arrive as JSON
 * on stdin; every log line, the ready message and a boot failure leave as JSON lines on stdout;
 * SIGTERM stops the instances and exits.
 */
import { LogBuffer } from '../core/log-buffer.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import type { InstanceOptions } from './function-instance.ts';
import { ReferenceEmulator, type EmulatorFunction } from './reference-emulator.ts';
import { createStallMeter } from '../observe/stalls.ts';

export interface ReferenceProcessInput {
  functions: FunctionSpec[];
  instanceOptions: InstanceOptions;
}

export type ReferenceProcessMessage =
  | { type: 'log'; source: string; text: string; origin: 'emulator' | 'function' }
  | { type: 'ready'; functions: EmulatorFunction[] }
  | { type: 'failed'; message: string };

const send = (message: ReferenceProcessMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** Hands every line to the parent, which keeps the bounded buffer the target's logs are read from. */
class ForwardedLog extends LogBuffer {
  override add(source: string, text: string, origin: 'emulator' | 'function' = 'emulator'): void {
    send({ type: 'log', source, text, origin });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A stall of the emulator delays every frame it relays, and no observer can see it. Logged, so a
 * late frame on the reference target can be traced to the machine rather than to the emulator.
 */
function logOwnStalls(log: LogBuffer, minimumMs = 100): void {
  const meter = createStallMeter();
  let reported = 0;
  setInterval(() => {
    for (const stall of meter.stalls.slice(reported))
      if (stall.to - stall.from >= minimumMs)
        log.add('reference', `the emulator process could not run for ${Math.round(stall.to - stall.from)} ms`);
    reported = meter.stalls.length;
  }, 1000).unref();
}

const input = JSON.parse(await readStdin()) as ReferenceProcessInput;
const log = new ForwardedLog();
const emulator = new ReferenceEmulator(input.instanceOptions, log);
logOwnStalls(log);
const stop = () => void emulator.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
try {
  send({ type: 'ready', functions: await emulator.start(input.functions) });
} catch (error) {
  send({ type: 'failed', message: (error as Error).message });
  process.exit(1);
}
