import { join } from 'node:path';
import { ConfigError, ExitCode, HarnessError } from '../core/errors.ts';
import { usage } from './usage.ts';

/**
 * The `lsc` command line: one module per command under commands/, over a small shared core (argument
 * parsing, preflight, the Playwright child process, the exit policy). Every error becomes one line and
 * a documented exit code.
 */
async function main(argv: string[]): Promise<number> {
  // Built fixtures and installed emulators belong to the project lsc runs in, even when lsc itself is
  // an installed package: every process of the run inherits this.
  process.env.LSC_STATE_DIR ??= join(process.cwd(), '.lsc');
  const [command, ...rest] = argv;
  // A command loads only its own modules: every run starts with this, and the rest is most of the start-up.
  switch (command) {
    case 'run':
      return (await import('./commands/run.ts')).runCommand(rest);
    case 'serve':
      return (await import('./commands/serve.ts')).serveCommand(rest);
    case 'list':
      return (await import('./commands/list.ts')).listCommand(rest);
    case 'report':
      return (await import('./commands/report.ts')).reportCommand(rest);
    case 'targets':
      return (await import('./commands/targets.ts')).targetsCommand(rest);
    case 'repro':
      return (await import('./commands/repro.ts')).reproCommand(rest);
    case 'tools':
      return (await import('./commands/tools.ts')).toolsCommand(rest);
    case 'expectations':
      return (await import('./commands/expectations.ts')).expectationsCommand(rest);
    case 'compare':
      return (await import('./commands/compare.ts')).compareCommand(rest);
    case 'aws':
      return (await import('./commands/aws.ts')).awsCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return command === undefined ? ExitCode.usage : ExitCode.ok;
    default:
      throw new ConfigError(`unknown command ${JSON.stringify(command)}\n\n${usage}`);
  }
}

// A reader that stops early (`lsc targets | head -3`) closes the pipe: the output it wanted is out, so
// further writes are dropped, and the command still finishes (a run still stops what it started).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (process.env.LSC_DEBUG) console.error(error);
  if (error instanceof ConfigError) {
    console.error(`lsc: ${error.message}`);
    process.exitCode = ExitCode.usage;
  } else if (error instanceof HarnessError) {
    console.error(`lsc: ${error.message}`);
    process.exitCode = ExitCode.harness;
  } else {
    console.error(`lsc: internal error: ${(error as Error).message ?? String(error)} (set LSC_DEBUG=1 for the stack)`);
    process.exitCode = ExitCode.harness;
  }
}
