import { expect, test } from '@playwright/test';
import { emulatorLines } from './emulator-log.ts';

test("the runtime client's own lines are the function's, not the emulator's record", () => {
  const logs = [
    '2026-11-22T11:00:00.000Z [Faults#1] function error via trailers: Error: fixture failure after two frames',
    '2026-11-22T11:00:00.000Z [Faults#1] 2026-11-22T11:00:00.001Z\t3f1c4a2e-0000-4000-8000-000000000000\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"fixture failure after two frames"}',
    '2026-11-22T11:00:00.000Z [sam start-api] 2026-11-22T11:00:00.001Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Error"}',
    '2026-11-22T11:00:00.000Z [Faults/runtime] function: anything the function printed',
    '22 Nov 2026 11:00:00,123 [INFO] (rapid) INIT START(type: on-demand, phase: init)',
  ].join('\n');
  expect(emulatorLines(logs)).toEqual([
    '2026-11-22T11:00:00.000Z [Faults#1] function error via trailers: Error: fixture failure after two frames',
    '22 Nov 2026 11:00:00,123 [INFO] (rapid) INIT START(type: on-demand, phase: init)',
  ]);
});
