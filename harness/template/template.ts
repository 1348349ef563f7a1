import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { parseCloudFormationYaml, type LocatedDocument } from './cloudformation-yaml.ts';
import type { FunctionSpec } from './function-spec.ts';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const functionUrlConfig = z.object({
  AuthType: z.enum(['NONE', 'AWS_IAM']),
  InvokeMode: z.enum(['BUFFERED', 'RESPONSE_STREAM']).optional(),
  Cors: z.record(z.string(), z.unknown()).optional(),
});

const functionProperties = z.looseObject({
  Runtime: z.string().optional(),
  Handler: z.string().optional(),
  CodeUri: z.string().optional(),
  Timeout: z.number().int().min(1).max(900).optional(),
  MemorySize: z.number().int().min(128).max(10240).optional(),
  Environment: z.object({ Variables: z.record(z.string(), z.unknown()) }).optional(),
  FunctionUrlConfig: functionUrlConfig.optional(),
  Events: z.record(z.string(), z.looseObject({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).optional() })).optional(),
});

const templateSchema = z.looseObject({
  AWSTemplateFormatVersion: z.string().optional(),
  Transform: z.union([z.string(), z.array(z.string())]).optional(),
  Parameters: z.record(z.string(), z.looseObject({ Default: scalar.optional() })).optional(),
  Globals: z.looseObject({ Function: functionProperties.optional() }).optional(),
  Resources: z.record(
    z.string(),
    z.looseObject({ Type: z.string(), Properties: z.unknown().optional(), Metadata: z.unknown().optional() }),
  ),
});

/** SAM's build metadata, the way `sam build` is told how to compile a provided.* function. */
const buildMetadata = z.looseObject({
  BuildMethod: z.enum(['go1.x', 'rust-cargolambda']),
  BuildProperties: z.looseObject({ Binary: z.string().min(1).optional() }).optional(),
});

const apiEventProperties = z.looseObject({ Path: z.string().startsWith('/'), Method: z.string() });

type Template = z.infer<typeof templateSchema>;
type Path = Array<PropertyKey>;

/** Runtime identifiers Lambda knows; anything else is a typo every target would trip over differently. */
const LAMBDA_RUNTIMES = /^(nodejs\d+\.x|python3\.\d+|java\d+(\.al2)?|dotnet\d+|ruby\d\.\d+|provided(\.al20\d\d)?|go1\.x)$/;

class TemplateProblem {
  constructor(
    readonly path: Path,
    readonly message: string,
  ) {}
}

function describePath(path: Path): string {
  return path.map(String).join('.');
}

/** Resolves the few intrinsics a function's configuration plausibly uses locally; the rest is an error. */
function resolveScalar(value: unknown, template: Template, path: Path): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && 'Ref' in value && typeof value.Ref === 'string') {
    const ref = value.Ref;
    if (ref === 'AWS::Region') return 'us-east-1';
    if (ref === 'AWS::AccountId') return '000000000000';
    const param = template.Parameters?.[ref];
    if (param?.Default !== undefined) return String(param.Default);
    throw new TemplateProblem(path, `!Ref ${ref} has no local value (add a Default to the parameter)`);
  }
  throw new TemplateProblem(path, `expected a string, number or boolean, got ${JSON.stringify(value)}`);
}

/** Which runtime client a function is written for, and how to build it when it is compiled. */
function languageOf(name: string, runtime: string, codeUri: string, metadata: unknown): Pick<FunctionSpec, 'language' | 'build'> {
  if (runtime.startsWith('nodejs')) return { language: 'node' };
  const path: Path = ['Resources', name, 'Metadata'];
  if (!runtime.startsWith('provided'))
    throw new TemplateProblem(
      ['Resources', name, 'Properties', 'Runtime'],
      `function ${name}: lsc runs nodejs and provided runtimes, not ${runtime}`,
    );
  const parsed = buildMetadata.safeParse(metadata ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TemplateProblem(
      [...path, ...issue.path],
      `function ${name}: a ${runtime} function needs Metadata.BuildMethod go1.x or rust-cargolambda (${issue.message})`,
    );
  }
  if (parsed.data.BuildMethod === 'go1.x') return { language: 'go', build: { kind: 'go', packageDir: codeUri } };
  const binary = parsed.data.BuildProperties?.Binary;
  if (!binary)
    throw new TemplateProblem([...path, 'BuildProperties', 'Binary'], `function ${name}: rust-cargolambda needs the binary's name`);
  return { language: 'rust', build: { kind: 'rust', crateDir: codeUri, binary } };
}

function buildFunction(name: string, raw: unknown, metadata: unknown, template: Template, templateDir: string): FunctionSpec {
  const basePath: Path = ['Resources', name, 'Properties'];
  const merged = { ...(template.Globals?.Function ?? {}), ...((raw ?? {}) as object) };
  const parsed = functionProperties.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TemplateProblem([...basePath, ...issue.path], issue.message);
  }
  const props = parsed.data;
  for (const field of ['Runtime', 'Handler', 'CodeUri'] as const) {
    if (props[field] === undefined) throw new TemplateProblem([...basePath, field], `${field} is required`);
  }
  if (!existsSync(resolve(templateDir, props.CodeUri!)))
    throw new TemplateProblem([...basePath, 'CodeUri'], `function ${name}: ${resolve(templateDir, props.CodeUri!)} does not exist`);
  if (!LAMBDA_RUNTIMES.test(props.Runtime!))
    throw new TemplateProblem([...basePath, 'Runtime'], `function ${name}: unknown runtime ${JSON.stringify(props.Runtime)}`);
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(props.Environment?.Variables ?? {})) {
    environment[key] = resolveScalar(value, template, [...basePath, 'Environment', 'Variables', key]);
  }
  const apiEvents: FunctionSpec['apiEvents'] = [];
  for (const [eventName, event] of Object.entries(props.Events ?? {})) {
    if (event.Type !== 'Api' && event.Type !== 'HttpApi') continue;
    const eventPath = [...basePath, 'Events', eventName, 'Properties'];
    const api = apiEventProperties.safeParse(event.Properties ?? {});
    if (!api.success) {
      const issue = api.error.issues[0]!;
      throw new TemplateProblem([...eventPath, ...issue.path], issue.message);
    }
    apiEvents.push({ path: api.data.Path, method: api.data.Method.toUpperCase() });
  }
  const url = props.FunctionUrlConfig;
  return {
    name,
    runtime: props.Runtime!,
    ...languageOf(name, props.Runtime!, resolve(templateDir, props.CodeUri!), metadata),
    handler: props.Handler!,
    codeUri: resolve(templateDir, props.CodeUri!),
    timeoutSeconds: props.Timeout ?? 3,
    memorySizeMb: props.MemorySize ?? 128,
    environment,
    functionUrl: url ? { authType: url.AuthType, invokeMode: url.InvokeMode ?? 'BUFFERED' } : undefined,
    apiEvents,
  };
}

function configError(file: string, doc: LocatedDocument | undefined, path: Path, message: string): ConfigError {
  const where = doc?.locate(path);
  const shown = relative(process.cwd(), file) || file;
  return new ConfigError(`${shown}${where ? `:${where}` : ''}: ${describePath(path) ? `${describePath(path)}: ` : ''}${message}`);
}

/**
 * Reads a SAM template into the function catalogue. Every problem is a ConfigError naming the file,
 * the line, the resource and the field, because a template is the user's input.
 */
export function loadTemplate(file: string): FunctionSpec[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read template (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { errors, document } = parseCloudFormationYaml(source);
  if (!document) throw new ConfigError(`${file}:${errors[0]}`);
  const parsed = templateSchema.safeParse(document.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw configError(file, document, issue.path, issue.message);
  }
  const template = parsed.data;
  const functions: FunctionSpec[] = [];
  for (const [name, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    try {
      functions.push(buildFunction(name, resource.Properties, resource.Metadata, template, dirname(resolve(file))));
    } catch (error) {
      if (error instanceof TemplateProblem) throw configError(file, document, error.path, error.message);
      throw error;
    }
  }
  if (functions.length === 0) throw configError(file, document, ['Resources'], 'no AWS::Serverless::Function resources');
  return functions;
}

/**
 * The template as a target that reads SAM templates itself (SAM CLI) must see it once compiled
 * functions are built: only the run's functions, every CodeUri absolute and pointing where the function's code now is (the
 * built `bootstrap` for provided.* functions, whose build metadata is dropped so nothing rebuilds it).
 * JSON, which SAM reads as well as YAML, with intrinsics in their long form.
 */
export function templateWithBuiltCode(file: string, functions: FunctionSpec[]): string {
  const { document } = parseCloudFormationYaml(readFileSync(file, 'utf8'));
  type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: unknown };
  const template = document!.value as { Resources: Record<string, Resource> };
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  for (const [name, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const fn = byName.get(name);
    // Functions of runtimes left out of the run are left out of the emulator too.
    if (!fn) delete template.Resources[name];
    else {
      resource.Properties = { ...resource.Properties, CodeUri: fn.codeUri };
      if (fn.build) delete resource.Metadata;
    }
  }
  return JSON.stringify(template, null, 2);
}
