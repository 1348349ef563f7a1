import { ConfigError } from '../core/errors.ts';
import { root } from '../core/paths.ts';
import { defaultTemplate, runEnv } from '../core/run-environment.ts';
import { DeclaredTarget } from './declared-target.ts';
import { CargoLambdaTarget } from './cargo-lambda.ts';
import { ExternalTarget } from './external.ts';
import { ReferenceTarget } from './reference.ts';
import { RieTarget } from './rie.ts';
import { RieContainerTarget } from './rie-container.ts';
import { SamTarget } from './sam.ts';
import { ServerlessAwsLambdaTarget } from './serverless-aws-lambda.ts';
import type { Target } from './target.ts';
import { parseTargetName, TARGET_NAMES } from './target-name.ts';

export { TARGET_NAMES };

/** Targets whose containers can outlive a killed runner; the command line removes them by run id. */
const DOCKER_FRONTS: ReadonlySet<string> = new Set(['rie-container', 'sam']);
export const runsContainers = (target: string): boolean => DOCKER_FRONTS.has(parseTargetName(target).front);

/** A target by name; `sam[runtime-api=lsc]` is SAM's front over lsc's container layer. */
export function createTarget(name: string, options: { endpoints?: string; template?: string } = {}): Target {
  const described = process.env[runEnv.targetFile];
  if (described) return new DeclaredTarget(described, options.template ?? defaultTemplate(root));
  const { front, runtimeApi } = parseTargetName(name);
  switch (front) {
    case 'reference':
      return new ReferenceTarget();
    case 'rie':
      return new RieTarget();
    case 'rie-container':
      return new RieContainerTarget(runtimeApi);
    case 'sam':
      return new SamTarget(runtimeApi, options.template);
    case 'cargo-lambda':
      return new CargoLambdaTarget();
    case 'serverless-aws-lambda':
      return new ServerlessAwsLambdaTarget();
    case 'external':
      return new ExternalTarget(options.endpoints);
    default:
      throw new ConfigError(`unknown target ${JSON.stringify(name)} (known: ${TARGET_NAMES.join(', ')})`);
  }
}
