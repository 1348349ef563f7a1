import { writeFileSync } from 'node:fs';
import { stringify as stringifyYaml } from 'yaml';
import { readYamlConfig } from '../core/yaml-config.ts';
import { z } from 'zod';

/**
 * The contract between a booted target and the specs: function name → its URL. `lsc serve` writes it,
 * `lsc run --target external --endpoints` reads it, and users write it by hand for emulators we cannot boot.
 */
export const endpointMapSchema = z.strictObject({
  target: z.string().min(1),
  version: z.string().optional(),
  /** aws_iam: every invokeUrl and streamInvokeUrl wants SigV4 (AWS itself); observers then sign them. */
  invokeAuth: z.enum(['none', 'aws_iam']).optional(),
  /** The region signatures are scoped to (else LSC_AWS_REGION, AWS_REGION, AWS_DEFAULT_REGION, us-east-1). */
  region: z.string().min(1).optional(),
  functions: z.record(
    z.string().min(1),
    z
      .strictObject({
        /** The function's Function URL. */
        url: z.url({ protocol: /^https?$/ }).optional(),
        invokeMode: z.enum(['BUFFERED', 'RESPONSE_STREAM']).optional(),
        /** aws_iam: the Function URL wants SigV4; observers sign, and a browser cannot (UNSUPPORTED). */
        auth: z.enum(['none', 'aws_iam']).optional(),
        /** A direct invoke endpoint (POST the event), RIE-style: .../2015-03-31/functions/function/invocations. */
        invokeUrl: z.url({ protocol: /^https?$/ }).optional(),
        /** InvokeWithResponseStream: .../2021-11-15/functions/<name>/response-streaming-invocations. */
        streamInvokeUrl: z.url({ protocol: /^https?$/ }).optional(),
      })
      .refine((fn) => fn.url || fn.invokeUrl, { message: 'needs a url or an invokeUrl' }),
  ),
});

export type EndpointMap = z.infer<typeof endpointMapSchema>;

export function readEndpointMap(file: string): EndpointMap {
  return readYamlConfig(file, endpointMapSchema, 'endpoint map').data;
}

export function writeEndpointMap(file: string, map: EndpointMap): void {
  writeFileSync(file, file.endsWith('.json') ? `${JSON.stringify(map, null, 2)}\n` : stringifyYaml(map));
}
