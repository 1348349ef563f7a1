import { readFileSync, writeFileSync } from 'node:fs';
import { HarnessError } from '../core/errors.ts';
import { runEnv } from '../core/run-environment.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import type { Expectation } from '../verdict/expectations.ts';

/**
 * What global setup resolves once for the whole run and every worker reads: the manifest entries of
 * the run's target and the Timeout of every fixture function. Global setup has parsed and validated
 * the manifest and the template anyway; a worker that did it again would load the YAML and schema
 * libraries for it, a quarter of a CPU-second each while a dozen start at once (README, "Where the
 * time goes").
 */
export interface RunPlan {
  /** By case key (`SSE-001`, `SSE-001 [go]`), as the manifest lists them. */
  expectations: Record<string, Expectation>;
  /** By function name (logical ID). */
  timeoutSeconds: Record<string, number>;
}

export function writeRunPlan(file: string, expectations: Record<string, Expectation>, functions: FunctionSpec[]): void {
  const plan: RunPlan = { expectations, timeoutSeconds: Object.fromEntries(functions.map((fn) => [fn.name, fn.timeoutSeconds])) };
  writeFileSync(file, JSON.stringify(plan));
  process.env[runEnv.runPlan] = file;
}

let plan: RunPlan | undefined;

export function runPlan(): RunPlan {
  if (plan) return plan;
  const file = process.env[runEnv.runPlan];
  if (!file) throw new HarnessError('no run plan: the run was started without the global setup that boots the target');
  plan = JSON.parse(readFileSync(file, 'utf8')) as RunPlan;
  return plan;
}
