import { join } from 'node:path';
import { stateDir } from '../core/paths.ts';
import type { FunctionSpec, Language } from '../template/function-spec.ts';
import { buildFunctions } from './build.ts';

/** Readiness asks this function on every target, whatever runtimes the run covers. */
const ALWAYS = new Set(['Probe']);

export function cacheDir(): string {
  return process.env.LSC_CACHE_DIR ?? join(stateDir(), 'cache', 'functions');
}

/** The template's functions a run boots: those of the selected runtimes, compiled ones built. */
export function prepareFunctions(functions: FunctionSpec[], runtimes: Language[], log?: (line: string) => void): FunctionSpec[] {
  const selected = functions.filter((fn) => ALWAYS.has(fn.name) || runtimes.includes(fn.language));
  return buildFunctions(selected, cacheDir(), log);
}
