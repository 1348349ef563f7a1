import type { FunctionSpec } from './function-spec.ts';

/**
 * The environment Lambda gives a function's runtime (reserved variables first, the template's own
 * after), for every runner that starts one itself. The runtime client refuses to invoke without them.
 */
export function lambdaEnvironment(fn: FunctionSpec, options: { taskRoot: string; logStream: string }): Record<string, string> {
  return {
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(fn.timeoutSeconds),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: options.logStream,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    LAMBDA_TASK_ROOT: options.taskRoot,
    _HANDLER: fn.handler,
    ...fn.environment,
  };
}
