// The streaming control as a process of its own, so the benchmark compares two cross-process paths.
import { startControlOrigin } from '../controls/control-origins.ts';

const [count, intervalMs] = process.argv.slice(2).map(Number);
const origin = await startControlOrigin('streaming', { count: count ?? 200, intervalMs: intervalMs ?? 20 });
console.log(origin.url);
process.on('SIGTERM', () => void origin.close().then(() => process.exit(0)));
