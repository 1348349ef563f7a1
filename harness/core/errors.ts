/**
 * Errors the command line turns into exit codes. Anything else that escapes is a bug in lsc and
 * is reported as a harness error (2), never as a stack trace unless LSC_DEBUG is set.
 */
export const ExitCode = { ok: 0, unexpected: 1, harness: 2, usage: 3, inconclusive: 4 } as const;

/** Bad input from the user: command line, template, endpoint map, case file. Exit code 3. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The harness or a target could not do its job (boot failure, missing binary). Exit code 2. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}
