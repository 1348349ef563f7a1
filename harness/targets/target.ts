import type { FunctionSpec } from '../template/function-spec.ts';
import type { EndpointMap } from './endpoint-map.ts';

/** A target is an emulator under test. Specs only ever see its endpoint map, never its internals. */
export interface Target {
  readonly name: string;
  /** What this machine lacks to boot the target, with how to get it; undefined when it can boot. */
  missing(): string | undefined;
  /** What it runs, for `lsc targets`: the emulator and where it comes from. */
  describe(): string;
  version(): Promise<string>;
  /** Ready means a real request went through, not that a port opened. */
  boot(functions: FunctionSpec[]): Promise<EndpointMap>;
  /**
   * The process `lsc run` may have Playwright's runner start as it starts, for boot() to take over
   * (../runners/early-start.ts): only a target whose every process dies with the runner has one.
   */
  earlyLaunch?(functions: FunctionSpec[]): { command: string[]; input: string };
  logs(): string;
  /** Idempotent; afterwards nothing the target started is left. */
  stop(): Promise<void>;
}
