import type { FastifyInstance } from 'fastify';
import type { FunctionSpec } from '../catalogue/function-spec.ts';
import { FunctionPool } from './function-pool.ts';
import { startFunctionUrl } from './function-url.ts';
import { LogBuffer } from './log-buffer.ts';

export interface EmulatorFunction {
  name: string;
  url: string;
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
}

/**
 * The embedded reference target: a Runtime API per instance and a Function URL per function, all on
 * loopback. Everything it starts is owned here and released by stop().
 */
export class ReferenceEmulator {
  readonly logs = new LogBuffer();
  private pools: FunctionPool[] = [];
  private servers: FastifyInstance[] = [];
  private stopping?: Promise<void>;

  async start(functions: FunctionSpec[]): Promise<EmulatorFunction[]> {
    const exposed: EmulatorFunction[] = [];
    try {
      for (const fn of functions) {
        if (!fn.functionUrl) continue;
        const pool = new FunctionPool(fn, this.logs);
        this.pools.push(pool);
        const { app, url } = await startFunctionUrl(fn, pool, this.logs);
        this.servers.push(app);
        exposed.push({ name: fn.name, url, invokeMode: fn.functionUrl.invokeMode });
      }
      await Promise.all(this.pools.map((pool) => pool.prewarm()));
    } catch (error) {
      await this.stop();
      throw error;
    }
    return exposed;
  }

  instanceCount(functionName: string): number {
    return this.pools.find((pool) => pool.fn.name === functionName)?.instanceCount ?? 0;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.servers.map((server) => server.close()));
      await Promise.all(this.pools.map((pool) => pool.stop()));
    })();
    return this.stopping;
  }
}
