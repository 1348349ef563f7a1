import { HarnessError } from '../core/errors.ts';
import { defaultTemplate, runEnv } from '../core/run-environment.ts';
import { root } from '../core/paths.ts';
import { fixtureFunction } from '../runtimes/languages.ts';
import type { FunctionSpec, Language } from '../template/function-spec.ts';
import { loadTemplate } from '../template/template.ts';

/** Past the function's own Timeout, the slack a target gets to deliver what it has before it counts as no answer. */
export const ANSWER_SLACK_MS = 10_000;

let functions: Map<string, FunctionSpec> | undefined;

/**
 * How long a case waits for a whole answer from a fixture function: Lambda ends every invocation at
 * the function's Timeout, so a target that has not answered well after it never will. Read from the
 * run's template, so a deadline follows the fixture it waits on.
 */
export function answerDeadlineMs(behaviour: string, language: Language): number {
  functions ??= new Map(loadTemplate(process.env[runEnv.template] ?? defaultTemplate(root)).map((fn) => [fn.name, fn]));
  const fn = functions.get(fixtureFunction(behaviour, language));
  if (!fn) throw new HarnessError(`the template has no function ${fixtureFunction(behaviour, language)}`);
  return fn.timeoutSeconds * 1000 + ANSWER_SLACK_MS;
}
