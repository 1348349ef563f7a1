import { resolve } from 'node:path';
import { endpointMapOfStack } from '../../targets/aws-stack.ts';
import { writeEndpointMap } from '../../targets/endpoint-map.ts';
import { parse } from '../args.ts';
import { ConfigError, ExitCode } from '../../core/errors.ts';
import { usage } from '../usage.ts';

/** `lsc aws endpoints`: the endpoint map of a deployed stack of fixtures/template.yaml. */
export async function awsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'endpoints') throw new ConfigError(`lsc aws takes "endpoints", got ${JSON.stringify(sub ?? '')}\n\n${usage}`);
  const values = parse(rest, {
    stack: { type: 'string' },
    region: { type: 'string' },
    out: { type: 'string', default: 'aws-endpoints.yaml' },
  });
  if (typeof values.stack !== 'string' || values.stack === '')
    throw new ConfigError('lsc aws endpoints needs --stack NAME (the stack sam deploy made of fixtures/template.yaml)');
  const region = (values.region as string | undefined) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new ConfigError('lsc aws endpoints needs a region: --region R, or AWS_REGION');
  const map = await endpointMapOfStack(values.stack, region);
  const out = resolve(String(values.out));
  writeEndpointMap(out, map);
  const entries = Object.values(map.functions);
  const urls = entries.filter((entry) => entry.url);
  console.log(
    `${out}: ${entries.length} functions of stack ${values.stack} in ${region}, ${urls.length} with a Function URL (${urls.filter((entry) => entry.auth === 'aws_iam').length} AWS_IAM)`,
  );
  console.log(`Judge AWS with: lsc run --target external --endpoints ${values.out} --record aws-recording`);
  return ExitCode.ok;
}
