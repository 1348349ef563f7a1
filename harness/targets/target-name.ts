import { ConfigError } from '../core/errors.ts';
import { RUNTIME_APIS, type RuntimeApi } from '../rapid/binary.ts';

export { RUNTIME_APIS, type RuntimeApi };

/**
 * A target's name says which layers it runs. Fronts that run functions in Lambda-style containers
 * (SAM, RIE in a container) take the container layer as a dimension: upstream RIE (the default, so
 * plain `sam` means `sam` over RIE) or lsc's own Runtime API (`sam[runtime-api=lsc]`). Reports and
 * manifests are per combination, and comparing the two tells which layer a failure belongs to.
 */
/** The built-in targets, by the names --target takes. */
export const TARGET_NAMES = ['reference', 'rie', 'rie-container', 'sam', 'cargo-lambda', 'serverless-aws-lambda', 'external'] as const;

export const DEFAULT_RUNTIME_API: RuntimeApi = 'rie';

/** Fronts whose container layer can be swapped. */
export const LAYERED_FRONTS: ReadonlySet<string> = new Set(['sam', 'rie-container']);

export interface TargetName {
  front: string;
  runtimeApi: RuntimeApi;
}

export function parseTargetName(name: string): TargetName {
  const match = /^([a-z0-9-]+)(?:\[runtime-api=([a-z]+)\])?$/.exec(name);
  if (!match) throw new ConfigError(`target ${JSON.stringify(name)} is not a target name (e.g. sam, or sam[runtime-api=lsc])`);
  const [, front, runtimeApi = DEFAULT_RUNTIME_API] = match;
  if (!(RUNTIME_APIS as readonly string[]).includes(runtimeApi))
    throw new ConfigError(
      `target ${JSON.stringify(name)}: runtime-api takes ${RUNTIME_APIS.join(' or ')}, got ${JSON.stringify(runtimeApi)}`,
    );
  if (match[2] !== undefined && !LAYERED_FRONTS.has(front!))
    throw new ConfigError(`target ${front} has no container layer to choose (runtime-api applies to ${[...LAYERED_FRONTS].join(', ')})`);
  return { front: front!, runtimeApi: runtimeApi as RuntimeApi };
}

/** The name reports and manifests use; the default layer is left unsaid, so `sam` stays `sam`. */
export function formatTargetName({ front, runtimeApi }: TargetName): string {
  return runtimeApi === DEFAULT_RUNTIME_API ? front : `${front}[runtime-api=${runtimeApi}]`;
}

/** `--runtime-api rie,lsc`: the combinations a run asks for, each checked. */
export function parseRuntimeApis(value: string): RuntimeApi[] {
  const names = value.split(',').map((part) => part.trim());
  for (const name of names)
    if (!(RUNTIME_APIS as readonly string[]).includes(name))
      throw new ConfigError(`--runtime-api takes ${RUNTIME_APIS.join(', ')} (comma-separated), got ${JSON.stringify(name)}`);
  return [...new Set(names)] as RuntimeApi[];
}
