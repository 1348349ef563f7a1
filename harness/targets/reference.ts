import { readFileSync } from 'node:fs';
import type { FunctionSpec } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { ReferenceEmulator } from '../emulator/reference-emulator.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { probeEndpoints } from './readiness.ts';
import type { Target } from './target.ts';

/**
 * LSC_REFERENCE_INTERPOSE=runtime-api-prefix runs every instance behind the runtime-api-prefix
 * adapter, as the cargo-lambda target attaches its runtimes (the Runtime API under `/.rt/<function>`,
 * the runtime client talking to the adapter). It exists to prove the adapter transparent: a run with
 * it must give every case the verdict a plain run gives (specs/selftest/transparency.spec.ts), so a
 * verdict against cargo-lambda is cargo-lambda's, not the adapter's.
 */
const INTERPOSE_ENV = 'LSC_REFERENCE_INTERPOSE';
const INTERPOSABLE = ['runtime-api-prefix'];

function interposed(): string | undefined {
  const value = process.env[INTERPOSE_ENV];
  if (!value) return undefined;
  if (!INTERPOSABLE.includes(value))
    throw new HarnessError(`${INTERPOSE_ENV}=${value}: the reference target can interpose only ${INTERPOSABLE.join(', ')}`);
  return value;
}

export class ReferenceTarget implements Target {
  readonly name = 'reference';
  private emulator?: ReferenceEmulator;

  missing(): string | undefined {
    return undefined;
  }

  describe(): string {
    return `the embedded emulator (Node ${process.versions.node}, aws-lambda-ric)`;
  }

  async version(): Promise<string> {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const adapter = interposed();
    return `lsc-reference ${pkg.version}${adapter ? ` (Runtime API through the ${adapter} adapter, events without Content-Type, interposed by ${INTERPOSE_ENV})` : ''}`;
  }

  async boot(functions: FunctionSpec[]): Promise<EndpointMap> {
    this.emulator = new ReferenceEmulator({ interposeRuntimeApiPrefix: interposed() === 'runtime-api-prefix' });
    let exposed;
    try {
      exposed = await this.emulator.start(functions);
    } catch (error) {
      throw new HarnessError(`reference emulator failed to boot: ${(error as Error).message}\n${this.emulator.logs.text().slice(-2000)}`);
    }
    const map: EndpointMap = {
      target: this.name,
      version: await this.version(),
      functions: Object.fromEntries(exposed.map(({ name, ...endpoints }) => [name, endpoints])),
    };
    await probeEndpoints(map);
    return map;
  }

  logs(): string {
    return this.emulator?.logs.text() ?? '';
  }

  async stop(): Promise<void> {
    await this.emulator?.stop();
  }
}
