import { readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../cli/errors.ts';

/**
 * The contract between a booted target and the specs: function name → its URL. `lsc serve` writes it,
 * `lsc run --target external --endpoints` reads it, and users write it by hand for emulators we cannot boot.
 */
export const endpointMapSchema = z.strictObject({
  target: z.string().min(1),
  version: z.string().optional(),
  functions: z.record(
    z.string().min(1),
    z.strictObject({
      url: z.url({ protocol: /^https?$/ }),
      invokeMode: z.enum(['BUFFERED', 'RESPONSE_STREAM']).optional(),
    }),
  ),
});

export type EndpointMap = z.infer<typeof endpointMapSchema>;

export function readEndpointMap(file: string): EndpointMap {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read endpoint map (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = endpointMapSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    throw new ConfigError(`${file}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

export function writeEndpointMap(file: string, map: EndpointMap): void {
  writeFileSync(file, file.endsWith('.json') ? `${JSON.stringify(map, null, 2)}\n` : stringifyYaml(map));
}
