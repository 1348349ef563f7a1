import { HarnessError } from '../core/errors.ts';
import { fixtureFunction } from '../runtimes/languages.ts';
import type { Language } from '../template/function-spec.ts';
import { runPlan } from './run-plan.ts';

/** Past the function's own Timeout, the slack a target gets to deliver what it has before it counts as no answer. */
export const ANSWER_SLACK_MS = 10_000;

/**
 * How long a case waits for a whole answer from a fixture function: Lambda ends every invocation at
 * the function's Timeout, so a target that has not answered well after it never will. The Timeout
 * is the run's template's, so a deadline follows the fixture it waits on.
 */
export function answerDeadlineMs(behaviour: string, language: Language): number {
  const name = fixtureFunction(behaviour, language);
  const timeoutSeconds = runPlan().timeoutSeconds[name];
  if (timeoutSeconds === undefined) throw new HarnessError(`the template has no function ${name}`);
  return timeoutSeconds * 1000 + ANSWER_SLACK_MS;
}
