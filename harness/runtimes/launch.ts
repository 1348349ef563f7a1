import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { HarnessError } from '../core/errors.ts';
import type { FunctionSpec } from '../template/function-spec.ts';

let clientEntry: string | undefined;

/** The official Node runtime client's entry, resolved when first needed (lsc's container layer carries no node_modules). */
export function runtimeClientEntry(): string {
  clientEntry ??= createRequire(import.meta.url).resolve('aws-lambda-ric');
  return clientEntry;
}

/**
 * The command that starts a function's runtime on this host, as Lambda's bootstrap would: Node
 * functions through the official runtime client (which reads `_HANDLER`), compiled ones as their own
 * `bootstrap` in the (built) code directory.
 */
export function runtimeCommand(fn: FunctionSpec): string[] {
  if (!fn.build) return [process.execPath, runtimeClientEntry()];
  const bootstrap = join(fn.codeUri, 'bootstrap');
  if (!existsSync(bootstrap))
    throw new HarnessError(`function ${fn.name}: ${bootstrap} is not built (buildFunctions runs before a target boots)`);
  return [bootstrap];
}

/** The same inside a from-scratch container image, where the code is mounted at /var/task. */
export function containerRuntimeCommand(fn: FunctionSpec): string[] {
  return fn.build ? ['/var/task/bootstrap'] : ['/usr/bin/node', '/var/runtime/aws-lambda-ric/index.mjs'];
}

/** The built bootstraps among the functions: a from-scratch image must carry the libraries they load. */
export function compiledBootstraps(functions: FunctionSpec[]): string[] {
  return [...new Set(functions.filter((fn) => fn.build).map((fn) => join(fn.codeUri, 'bootstrap')))];
}
