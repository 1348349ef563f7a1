import { ConfigError } from '../cli/errors.ts';
import { ExternalTarget } from './external.ts';
import { ReferenceTarget } from './reference.ts';
import { RieTarget } from './rie.ts';
import { RieContainerTarget } from './rie-container.ts';
import type { Target } from './target.ts';

export const TARGET_NAMES = ['reference', 'rie', 'rie-container', 'external'] as const;

export function createTarget(name: string, options: { endpoints?: string } = {}): Target {
  switch (name) {
    case 'reference':
      return new ReferenceTarget();
    case 'rie':
      return new RieTarget();
    case 'rie-container':
      return new RieContainerTarget();
    case 'external':
      return new ExternalTarget(options.endpoints);
    default:
      throw new ConfigError(`unknown target ${JSON.stringify(name)} (known: ${TARGET_NAMES.join(', ')})`);
  }
}
