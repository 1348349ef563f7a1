import type { FastifyInstance } from 'fastify';
import { urlAuth, type FunctionSpec } from '../template/function-spec.ts';
import type { InstanceOptions } from './function-instance.ts';
import { FunctionPool } from './function-pool.ts';
import { startFunctionUrl } from './function-url.ts';
import { startInvokeApi } from './invoke-api.ts';
import { LogBuffer } from '../core/log-buffer.ts';
import { loadSigner, signingCredentials } from '../protocol/sigv4.ts';

export interface EmulatorFunction {
  name: string;
  /** The Function URL, when the template gives the function one. */
  url?: string;
  invokeMode?: 'BUFFERED' | 'RESPONSE_STREAM';
  /** aws_iam when the URL wants SigV4 (checked here as Lambda does). */
  auth?: 'aws_iam';
  invokeUrl: string;
  streamInvokeUrl: string;
}

/**
 * The embedded reference target: a Runtime API per instance, and per function a Function URL and an
 * invoke API (direct and streaming), all on loopback. Everything it starts is owned here and released by stop().
 */
export class ReferenceEmulator {
  private pools: FunctionPool[] = [];
  private servers: FastifyInstance[] = [];
  private stopping?: Promise<void>;

  constructor(
    private readonly instanceOptions: InstanceOptions = {},
    readonly logs = new LogBuffer(),
  ) {}

  async start(functions: FunctionSpec[]): Promise<EmulatorFunction[]> {
    const exposed: EmulatorFunction[] = [];
    try {
      for (const fn of functions) {
        const pool = new FunctionPool(fn, this.logs, undefined, this.instanceOptions);
        this.pools.push(pool);
        const invoke = await startInvokeApi(fn, pool, this.logs);
        this.servers.push(invoke.app);
        const entry: EmulatorFunction = { name: fn.name, invokeUrl: invoke.invokeUrl, streamInvokeUrl: invoke.streamInvokeUrl };
        if (fn.functionUrl) {
          const { app, url } = await startFunctionUrl(fn, pool, this.logs);
          this.servers.push(app);
          Object.assign(entry, { url, invokeMode: fn.functionUrl.invokeMode, ...urlAuth(fn) });
        }
        exposed.push(entry);
      }
      await Promise.all(this.pools.map((pool) => pool.prewarm()));
      // Resolved and loaded once now, not on the first signed request while timing cases run.
      if (functions.some((fn) => fn.functionUrl?.authType === 'AWS_IAM')) await Promise.all([signingCredentials(), loadSigner()]);
    } catch (error) {
      await this.stop();
      throw error;
    }
    return exposed;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.servers.map((server) => server.close()));
      await Promise.all(this.pools.map((pool) => pool.stop()));
    })();
    return this.stopping;
  }
}
