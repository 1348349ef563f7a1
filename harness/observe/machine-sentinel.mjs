// The run's machine sentinel: a process that does nothing but tick a timer, at the target's priority,
// and appends every interval in which it could not run to the file named by its argument, one JSON
// line `{"from":ms,"to":ms}` each. Idle, so its only delays are the machine's: when it could not
// run for 600 ms, no process at its priority could, the target's included (README, "Where the time
// goes"). Plain JavaScript so it starts in milliseconds, without a compiler.
import { appendFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const RESOLUTION_MS = 10;
const SLACK_MS = 15;
const now = () => performance.timeOrigin + performance.now();
let last = now();
let ticking = false;
setInterval(() => {
  const at = now();
  // Said once, for whoever waits to know its record has begun.
  if (!ticking) {
    ticking = true;
    process.stdout.write('ticking\n');
  }
  if (at - last > RESOLUTION_MS + SLACK_MS) appendFileSync(file, `${JSON.stringify({ from: last + RESOLUTION_MS, to: at })}\n`);
  last = at;
}, RESOLUTION_MS);
// The run that started it holds stdin open; when the run ends, however it ends, stdin closes.
process.stdin.on('end', () => process.exit(0)).resume();
