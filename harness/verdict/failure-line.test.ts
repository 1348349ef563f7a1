import { expect, test } from '@playwright/test';
import { failureLine } from './failure-line.ts';

test('a failure line carries expected and received, whatever the matcher', () => {
  expect(failureLine('Error: status\n\nexpect(received).toBe(expected)\n\nExpected: 200\nReceived: 502')).toBe(
    'status: expected 200, received 502',
  );
  expect(failureLine('Error: EventSource outcome\n\nexpect(received).not.toBe(expected)\n\nExpected: not "failed"')).toBe(
    'EventSource outcome: expected not "failed"',
  );
  const diff =
    'Error: Set-Cookie headers\n\nexpect(received).toEqual(expected)\n\n- Expected  - 3\n+ Received  + 1\n\n- Array [\n-   "a=1",\n-   "b=2",\n- ]\n+ Array []';
  expect(failureLine(diff)).toBe('Set-Cookie headers: expected Array [ "a=1", "b=2", ], received Array []');
  expect(failureLine('Error: the streaming control was judged not streaming\n\nExpected: true\nReceived: false')).toBe(
    'the streaming control was judged not streaming',
  );
  expect(failureLine('10 frames arrived within 0 ms at t=9.02 s')).toBe('10 frames arrived within 0 ms at t=9.02 s');
});
