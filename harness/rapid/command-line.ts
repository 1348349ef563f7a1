import { existsSync } from 'node:fs';

/** Where RIE looks for a bootstrap when it is given no command, in its order. */
const BOOTSTRAP_CANDIDATES = ['/var/task/bootstrap', '/opt/bootstrap', '/var/runtime/bootstrap'];

export interface LayerCommandLine {
  invokeAddress: { host: string; port: number };
  command: string[];
}

/** RIE's flags come first (go-flags style, `--flag value` or `--flag=value`); what follows is the runtime's command. */
export function parseLayerCommandLine(argv: string[], exists: (path: string) => boolean = existsSync): LayerCommandLine {
  const flags = new Map<string, string>();
  let index = 0;
  while (index < argv.length && argv[index]!.startsWith('--')) {
    const [name, inline] = argv[index]!.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) index += 1;
    else index += 2;
    flags.set(name!, inline ?? argv[index - 1] ?? '');
  }
  const [host, port] = (flags.get('runtime-interface-emulator-address') ?? '0.0.0.0:8080').split(/:(?=\d+$)/);
  const command = argv.slice(index);
  const bootstrap = BOOTSTRAP_CANDIDATES.find((candidate) => exists(candidate));
  if (command.length === 0 && !bootstrap) throw new Error(`no runtime command given and none of ${BOOTSTRAP_CANDIDATES.join(', ')} exists`);
  return { invokeAddress: { host: host!, port: Number(port) }, command: command.length > 0 ? command : [bootstrap!] };
}
