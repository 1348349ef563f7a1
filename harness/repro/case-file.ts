import { z } from 'zod';
import { readYamlConfig } from '../core/yaml-config.ts';

/**
 * A reproduction's case file: which function, what request, what must arrive, by when, with which
 * status and headers. Written by people turning a bug report into something runnable, so every
 * mistake is reported with its file and line.
 */
const headerExpectation = z.union([z.string(), z.strictObject({ matches: z.string() }), z.strictObject({ absent: z.literal(true) })]);

export const caseFileSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Z][A-Z0-9-]+$/, 'an ID like REPRO-RIE-175'),
    title: z.string().min(1),
    report: z.url().optional(),
    provenance: z.enum(['aws-doc', 'aws-runtime-source', 'observed-aws', 'inferred']).default('observed-aws'),
    function: z.string().min(1),
    via: z.enum(['url', 'invoke', 'stream-invoke']).default('url'),
    request: z
      .strictObject({
        method: z.string().default('GET'),
        path: z.string().startsWith('/').default('/'),
        headers: z.record(z.string(), z.string()).default({}),
        body: z.string().optional(),
      })
      .default({ method: 'GET', path: '/', headers: {} }),
    expect: z.strictObject({
      status: z.number().int().min(100).max(599).optional(),
      headers: z.record(z.string(), headerExpectation).optional(),
      cookies: z.array(z.string()).optional(),
      body: z
        .strictObject({ equals: z.string().optional(), contains: z.string().optional(), bytes: z.number().int().min(0).optional() })
        .optional(),
      frames: z.strictObject({ count: z.number().int().min(1), intervalMs: z.number().positive() }).optional(),
      firstByteWithinMs: z.number().positive().optional(),
      endsWithinMs: z.number().positive().optional(),
      ending: z.enum(['complete', 'abnormal']).optional(),
      failure: z.literal(true).optional(),
    }),
    /**
     * The normal path of the same function, proved first when the case expects a failure: a request
     * (same route) and the status it must get. Without it an emulator that fails everything would pass.
     */
    normal: z.strictObject({ path: z.string().startsWith('/'), status: z.number().int().min(100).max(599) }).optional(),
    timeoutMs: z.number().positive().default(60_000),
  })
  .refine((file) => !file.expect.failure || file.normal, {
    path: ['expect', 'failure'],
    message:
      'a case that expects a failure needs `normal: {path, status}`: the request that proves the function works normally on the same target',
  });

export type CaseFile = z.infer<typeof caseFileSchema>;

export function readCaseFile(file: string): CaseFile {
  return readYamlConfig(file, caseFileSchema, 'case file').data;
}
