import { createTarget, TARGET_NAMES } from '../../targets/registry.ts';
import { parse } from '../args.ts';
import { ExitCode } from '../../core/errors.ts';

/** `lsc targets`: which targets can run here, and what the others miss. */
export function targetsCommand(args: string[]): number {
  parse(args, {});
  for (const name of TARGET_NAMES) {
    const target = createTarget(name, { endpoints: name === 'external' ? '--endpoints FILE' : undefined });
    const missing = target.missing();
    console.log(`${name.padEnd(14)} ${missing ? `missing: ${missing}` : `ready: ${target.describe()}`}`);
  }
  return ExitCode.ok;
}
