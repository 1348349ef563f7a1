import type { FunctionSpec } from '../template/function-spec.ts';
import { FunctionInstance, type InstanceOptions } from './function-instance.ts';
import type { Invocation } from './invocation.ts';
import type { LogBuffer } from '../core/log-buffer.ts';

/** Instances of one function: an idle one serves the next invocation, or a new one is started. */
export class FunctionPool {
  private instances: FunctionInstance[] = [];
  private started = 0;

  constructor(
    readonly fn: FunctionSpec,
    private readonly logs: LogBuffer,
    private readonly maxInstances = 32,
    private readonly instanceOptions: InstanceOptions = {},
  ) {}

  /** Starts one instance ahead of traffic, so the first request does not pay the cold start. */
  async prewarm(): Promise<void> {
    const instance = await this.spawn();
    await instance.ready();
  }

  /** Returns false when the function is at its concurrency limit (the caller answers 429). */
  async invoke(invocation: Invocation): Promise<boolean> {
    let instance = this.instances.find((candidate) => candidate.available);
    if (!instance) {
      if (this.instances.length >= this.maxInstances) return false;
      instance = await this.spawn();
    }
    instance.assign(invocation);
    return true;
  }

  private async spawn(): Promise<FunctionInstance> {
    this.started += 1;
    const instance = new FunctionInstance(this.fn, `${this.fn.name}/${this.started}`, this.logs, this.instanceOptions);
    this.instances.push(instance);
    instance.onExit(() => {
      this.instances = this.instances.filter((candidate) => candidate !== instance);
    });
    try {
      await instance.start();
    } catch (error) {
      this.instances = this.instances.filter((candidate) => candidate !== instance);
      throw error;
    }
    return instance;
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
    this.instances = [];
  }
}
