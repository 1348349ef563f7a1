import { ConfigError } from '../core/errors.ts';
import { CargoLambdaTarget } from './cargo-lambda.ts';
import { ExternalTarget } from './external.ts';
import { ReferenceTarget } from './reference.ts';
import { RieTarget } from './rie.ts';
import { RieContainerTarget } from './rie-container.ts';
import { SamTarget } from './sam.ts';
import type { Target } from './target.ts';

export const TARGET_NAMES = ['reference', 'rie', 'rie-container', 'sam', 'cargo-lambda', 'external'] as const;

/** Targets whose containers can outlive a killed runner; the command line removes them by run id. */
export const DOCKER_TARGETS: ReadonlySet<string> = new Set(['rie-container', 'sam']);

export function createTarget(name: string, options: { endpoints?: string; template?: string } = {}): Target {
  switch (name) {
    case 'reference':
      return new ReferenceTarget();
    case 'rie':
      return new RieTarget();
    case 'rie-container':
      return new RieContainerTarget();
    case 'sam':
      return new SamTarget(options.template);
    case 'cargo-lambda':
      return new CargoLambdaTarget();
    case 'external':
      return new ExternalTarget(options.endpoints);
    default:
      throw new ConfigError(`unknown target ${JSON.stringify(name)} (known: ${TARGET_NAMES.join(', ')})`);
  }
}
