import { expect, test } from '@playwright/test';
import { cases } from '../cases/catalogue.ts';
import { FAILURE_SIGNALS, REFUSAL_SIGNALS, judgeAccepted, signalsFailure, type Answer } from './answer.ts';

const answer = (overrides: Partial<Answer>): Answer => ({ status: 200, ending: 'complete', bytes: 0, ...overrides });

test('one rule decides that an answer signals failure: a 5xx, an abnormal end, or the function-error flag', () => {
  expect(signalsFailure(answer({}))).toBe(false);
  expect(signalsFailure(answer({ status: 404 }))).toBe(false);
  expect(signalsFailure(answer({ status: 429 }))).toBe(false);
  expect(signalsFailure(answer({ status: 502 }))).toBe(true);
  expect(signalsFailure(answer({ status: 500 }))).toBe(true);
  expect(signalsFailure(answer({ ending: 'aborted' }))).toBe(true);
  expect(signalsFailure(answer({ functionError: 'Unhandled' }))).toBe(true);
  // A hang or no answer at all is no signal to a client.
  expect(signalsFailure(answer({ status: undefined, ending: 'timeout' }))).toBe(false);
  expect(signalsFailure(answer({ status: undefined, ending: 'connect-error' }))).toBe(false);
});

test('an acceptance rule prints what it accepts and what it saw', () => {
  const clean = judgeAccepted(['status 5xx', 'abnormal end'], answer({ bytes: 12 }));
  expect(clean.ok).toBe(false);
  expect(clean.summary).toBe('Expected any of: status 5xx, abnormal end / Actual: status 200, 12 body bytes, ended complete');
  const cut = judgeAccepted(['status 5xx', 'abnormal end'], answer({ ending: 'aborted' }));
  expect(cut.ok).toBe(true);
  expect(cut.matched).toEqual(['abnormal end']);
  expect(judgeAccepted(['status 200', 'status 429'], answer({ status: 429 })).matched).toEqual(['status 429']);
  expect(() => judgeAccepted([], answer({}))).toThrow();
});

test('every inferred case that expects a failure accepts only failure or refusal signals, and says which', () => {
  for (const meta of cases.filter((c) => c.accepted)) {
    expect(meta.accepted!.length, `${meta.id} accepts something`).toBeGreaterThan(0);
    if (meta.expectsFailure)
      for (const behaviour of meta.accepted!)
        expect([...FAILURE_SIGNALS, ...REFUSAL_SIGNALS], `${meta.id}: ${behaviour}`).toContain(behaviour);
  }
  expect(cases.filter((c) => c.expectsFailure && c.provenance === 'inferred' && !c.accepted).map((c) => c.id)).toEqual([]);
});
