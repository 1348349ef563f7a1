import { HarnessError } from '../core/errors.ts';
import { toolchainMissing } from './build.ts';
import { LANGUAGES, type Language } from '../template/function-spec.ts';

/** The runtime a run covers, from --runtime (LSC_RUNTIMES); every runtime when unset. */
export const RUNTIMES_ENV = 'LSC_RUNTIMES';

export function parseRuntimes(list: string): Language[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(LANGUAGES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw new HarnessError(
      `--runtime: ${unknown.length ? `unknown runtime ${unknown.join(', ')}` : 'empty list'} (known: ${LANGUAGES.join(', ')})`,
    );
  return LANGUAGES.filter((language) => names.includes(language));
}

let available: Language[] | undefined;

/**
 * Without --runtime, a run covers every runtime whose toolchain this machine has (Node always): a
 * laptop without Go still runs the suite. Asked for by name, a runtime must build or the run fails.
 */
export function availableRuntimes(): Language[] {
  available ??= LANGUAGES.filter((language) => toolchainMissing(language) === undefined);
  return available;
}

export function selectedRuntimes(): Language[] {
  const raw = process.env[RUNTIMES_ENV];
  return raw ? parseRuntimes(raw) : availableRuntimes();
}

/**
 * One behaviour, one fixture per runtime, named after the Node one: `SseTicker` (Node), `SseTickerGo`,
 * `SseTickerRust`. Cases name the behaviour; the runtime picks the function.
 */
export function fixtureFunction(behaviour: string, language: Language): string {
  return language === 'node' ? behaviour : `${behaviour}${language[0]!.toUpperCase()}${language.slice(1)}`;
}
