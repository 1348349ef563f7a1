import type { FunctionSpec } from '../template/function-spec.ts';
import { ConfigError } from '../core/errors.ts';
import { readEndpointMap, type EndpointMap } from './endpoint-map.ts';
import { probeEndpoints } from './readiness.ts';
import type { Target } from './target.ts';

/** Anything already running: the suite only knows the URLs in the endpoint map. */
export class ExternalTarget implements Target {
  readonly name = 'external';
  private map?: EndpointMap;

  constructor(private readonly endpointsFile: string | undefined) {}

  missing(): string | undefined {
    return this.endpointsFile ? undefined : 'an endpoint map: --endpoints FILE';
  }

  describe(): string {
    return 'an emulator that is already running, given as an endpoint map (--endpoints FILE)';
  }

  async version(): Promise<string> {
    return this.map?.version ?? 'unknown';
  }

  async boot(_functions: FunctionSpec[]): Promise<EndpointMap> {
    if (!this.endpointsFile) throw new ConfigError('--target external needs --endpoints <file> (an endpoint map, as `lsc serve` writes)');
    this.map = readEndpointMap(this.endpointsFile);
    await probeEndpoints(this.map);
    return this.map;
  }

  logs(): string {
    return '';
  }

  async stop(): Promise<void> {}
}
