import type { FunctionSpec } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { LogBuffer } from '../core/log-buffer.ts';
import type { EndpointMap } from './endpoint-map.ts';
import type { Target } from './target.ts';

/** A boot failure the harness understood gets the end of the target's logs, where the cause usually is. */
function withLogTail(error: unknown, logs: LogBuffer): unknown {
  return error instanceof HarnessError ? new HarnessError(`${error.message}\n${logs.text().slice(-2000)}`) : error;
}

/**
 * The lifecycle every target that starts real emulators shares: a stop may arrive while the boot is
 * still under way (Ctrl-C), so it cancels the boot's waits, lets the boot notice and end, and only
 * then releases what was started; a failed boot releases everything itself, with the log's tail.
 */
export abstract class BootingTarget implements Target {
  abstract readonly name: string;
  protected readonly logBuffer = new LogBuffer();
  protected stopped = false;
  /** Aborted by stop(): readiness polls end at once instead of waiting out their timeout. */
  protected readonly stopping = new AbortController();
  private booting?: Promise<unknown>;

  abstract missing(): string | undefined;
  abstract describe(): string;
  abstract version(): Promise<string>;
  /** Starts the emulator; checkNotStopped() between steps, so nothing is created after cleanup began. */
  protected abstract start(functions: FunctionSpec[]): Promise<EndpointMap>;
  /** Removes everything started; safe to call more than once. */
  protected abstract release(): Promise<void>;

  boot(functions: FunctionSpec[]): Promise<EndpointMap> {
    const booting = this.bootAndCheck(functions);
    this.booting = booting.catch(() => undefined);
    return booting;
  }

  private async bootAndCheck(functions: FunctionSpec[]): Promise<EndpointMap> {
    try {
      const map = await this.start(functions);
      this.checkNotStopped();
      return map;
    } catch (error) {
      const stoppedMeanwhile = this.stopped;
      await this.release();
      throw stoppedMeanwhile ? new HarnessError(`${this.name}: stopped while booting`) : withLogTail(error, this.logBuffer);
    }
  }

  protected checkNotStopped(): void {
    if (this.stopped) throw new HarnessError(`${this.name}: stopped while booting`);
  }

  logs(): string {
    return this.logBuffer.text();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.booting;
    await this.release();
  }
}
