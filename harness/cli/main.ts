import { join } from 'node:path';
import { awsCommand } from './commands/aws.ts';
import { compareCommand } from './commands/compare.ts';
import { expectationsCommand } from './commands/expectations.ts';
import { listCommand } from './commands/list.ts';
import { reportCommand } from './commands/report.ts';
import { reproCommand } from './commands/repro.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { targetsCommand } from './commands/targets.ts';
import { toolsCommand } from './commands/tools.ts';
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
  switch (command) {
    case 'run':
      return runCommand(rest);
    case 'serve':
      return serveCommand(rest);
    case 'list':
      return listCommand(rest);
    case 'report':
      return reportCommand(rest);
    case 'targets':
      return targetsCommand(rest);
    case 'repro':
      return reproCommand(rest);
    case 'tools':
      return toolsCommand(rest);
    case 'expectations':
      return expectationsCommand(rest);
    case 'compare':
      return compareCommand(rest);
    case 'aws':
      return awsCommand(rest);
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
