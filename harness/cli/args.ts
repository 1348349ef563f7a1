import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadTemplate } from '../template/template.ts';
import { ConfigError } from '../core/errors.ts';
import { availableRuntimes, parseRuntimes, RUNTIMES_ENV } from '../runtimes/languages.ts';
import { toolchainMissing } from '../runtimes/build.ts';
import { LANGUAGES, type Language } from '../template/function-spec.ts';
import { root } from '../core/paths.ts';
import { usage } from './usage.ts';

/** Parsing shared by every command: unknown flags and bad values are usage errors (exit 3), never stack traces. */
export function parseWithPositionals(args: string[], options: ParseArgsConfig['options']) {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${usage}`);
  }
}

export function parse(args: string[], options: ParseArgsConfig['options']) {
  const { values, positionals } = parseWithPositionals(args, options);
  if (positionals.length > 0) throw new ConfigError(`unexpected argument ${JSON.stringify(positionals[0])}\n\n${usage}`);
  return values;
}

export function positiveNumber(value: string | boolean | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0)
    throw new ConfigError(`${flag} takes a positive number, got ${JSON.stringify(value)}`);
  return value;
}

/** The template to run (the fixtures' own unless given), loaded once so its errors come before anything boots. */
export function templatePath(value: string | boolean | undefined): string {
  const file = typeof value === 'string' ? resolve(value) : join(root, 'fixtures', 'template.yaml');
  loadTemplate(file);
  return file;
}

/**
 * --runtime node,go,rust: which runtimes' fixtures run. Absent, every runtime this machine can build,
 * and one line saying which were left out and why.
 */
export function runtimesFlag(value: string | boolean | undefined): Language[] {
  if (value === undefined && process.env[RUNTIMES_ENV]) value = process.env[RUNTIMES_ENV];
  if (value === undefined) {
    const runtimes = availableRuntimes();
    const left = LANGUAGES.filter((language) => !runtimes.includes(language));
    if (left.length > 0)
      console.log(
        `lsc: runtimes ${runtimes.join(', ')}; left out: ${left.map((language) => `${language} (${toolchainMissing(language)})`).join(', ')}`,
      );
    return runtimes;
  }
  try {
    return parseRuntimes(String(value));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}
