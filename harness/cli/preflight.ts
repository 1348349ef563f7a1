import { requireChromium } from '../browser/chromium.ts';
import { readEndpointMap } from '../targets/endpoint-map.ts';
import { createTarget } from '../targets/registry.ts';
import { expectationsFor } from '../verdict/expectations.ts';
import { ConfigError, HarnessError } from '../core/errors.ts';
import { root } from '../core/paths.ts';
import { prepareFunctions } from '../runtimes/prepare.ts';
import { loadTemplate } from '../template/template.ts';
import type { FunctionSpec, Language } from '../template/function-spec.ts';

/**
 * Checks that a browser is there, the target can run and its manifest is valid, and builds the compiled
 * fixtures (a build that fails is one line, exit 2), before anything is spawned. Returns the functions
 * to boot, for a target that boots at all.
 */
export function preflight(
  target: string,
  endpoints: string | undefined,
  runtimes: Language[],
  template: string,
): FunctionSpec[] | undefined {
  requireChromium();
  const missing = createTarget(target, { endpoints }).missing();
  if (missing && target !== 'external') throw new HarnessError(`target ${target} cannot run here: ${missing}`);
  if (target === 'external') {
    if (!endpoints) throw new ConfigError('--target external needs --endpoints FILE (an endpoint map, as `lsc serve` writes)');
    expectationsFor(readEndpointMap(endpoints).target, root);
    return undefined;
  }
  expectationsFor(target, root);
  return prepareFunctions(loadTemplate(template), runtimes, (line) => console.log(`lsc: ${line}`));
}
