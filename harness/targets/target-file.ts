import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { readYamlConfig } from '../core/yaml-config.ts';
import { TARGET_NAMES } from './target-name.ts';

/**
 * A target file: an emulator lsc does not know, described instead of programmed. Every string may
 * hold placeholders lsc fills in:
 *   {port.NAME}             a free loopback port, one per NAME (per function in a per-function process)
 *   {function.name}         the fixture function's logical ID; also {function.codeUri}, {function.handler},
 *                           {function.runtime}, {function.timeout}, {function.memory}
 *   {function.command}      the command that runs the function's runtime client (several arguments)
 *   {template} {functions}  the fixtures template and the directory of the fixture functions
 *   {env.NAME}              an environment variable of the run
 * A process is started `once` or once per function (`per: function`); endpoints are formed per
 * function from the same placeholders. Ready means the Probe function answered through `ready.via`.
 */
const processSchema = z.strictObject({
  per: z.enum(['once', 'function']).default('once'),
  /** The command and its arguments; `{function.command}` as a whole argument expands to several. */
  command: z.array(z.string().min(1)).min(1),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  /** Give a per-function process the function's Lambda environment (AWS_LAMBDA_FUNCTION_NAME, _HANDLER, …). */
  lambdaEnvironment: z.boolean().default(false),
});

export const targetFileSchema = z.strictObject({
  /** The target's name in reports and manifests. */
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dots, dashes and underscores')
    .refine((name) => name !== 'controls', 'controls is the harness’s own project'),
  version: z.string().min(1).default('unknown'),
  processes: z.array(processSchema).min(1),
  endpoints: z
    .strictObject({
      url: z.string().optional(),
      invokeMode: z.enum(['template', 'none']).default('template'),
      invokeUrl: z.string().optional(),
      streamInvokeUrl: z.string().optional(),
    })
    .refine((endpoints) => endpoints.url || endpoints.invokeUrl, { message: 'needs a url or an invokeUrl template' }),
  ready: z
    .strictObject({
      via: z.enum(['url', 'invoke']).default('invoke'),
      timeoutSeconds: z.number().positive().max(600).default(60),
    })
    .default({ via: 'invoke', timeoutSeconds: 60 }),
  stop: z
    .strictObject({
      signal: z.enum(['SIGTERM', 'SIGINT', 'SIGKILL']).default('SIGTERM'),
    })
    .default({ signal: 'SIGTERM' }),
});

export type TargetFile = z.infer<typeof targetFileSchema>;

const BUILT_IN: ReadonlySet<string> = new Set(TARGET_NAMES);

const FUNCTION_KEYS = ['name', 'codeUri', 'handler', 'runtime', 'timeout', 'memory', 'command'].map((key) => `function.${key}`);
const RUN_KEYS = ['template', 'functions', 'targetFile', 'targetDir'];
const placeholdersIn = (text: string) => [...text.matchAll(/\{([a-zA-Z0-9_.-]+)\}/g)].map((match) => match[1]!);

/** Every placeholder is checked before anything starts, so a typo is a line of the file, not a failed boot. */
function checkPlaceholders(data: TargetFile, at: (path: ReadonlyArray<PropertyKey>) => string): void {
  const declaredPorts = new Set<string>();
  const check = (text: string, path: ReadonlyArray<PropertyKey>, perFunction: boolean) => {
    for (const key of placeholdersIn(text)) {
      if (key.startsWith('port.')) continue;
      if (key.startsWith('env.')) {
        if (process.env[key.slice(4)] === undefined)
          throw new ConfigError(`${at(path)}: {${key}} names an environment variable that is not set`);
        continue;
      }
      if (FUNCTION_KEYS.includes(key) && !perFunction)
        throw new ConfigError(`${at(path)}: {${key}} is a function's, and this process runs once (per: function runs one per function)`);
      if (!FUNCTION_KEYS.includes(key) && !RUN_KEYS.includes(key))
        throw new ConfigError(`${at(path)}: unknown placeholder {${key}} (see "Describing an emulator: --target-file" in README)`);
    }
  };
  data.processes.forEach((process, index) => {
    const perFunction = process.per === 'function';
    process.command.forEach((argument, arg) => check(argument, ['processes', index, 'command', arg], perFunction));
    if (process.cwd) check(process.cwd, ['processes', index, 'cwd'], perFunction);
    for (const [name, value] of Object.entries(process.env)) check(value, ['processes', index, 'env', name], perFunction);
    for (const text of [...process.command, process.cwd ?? '', ...Object.values(process.env)])
      for (const key of placeholdersIn(text)) if (key.startsWith('port.')) declaredPorts.add(key);
  });
  for (const field of ['url', 'invokeUrl', 'streamInvokeUrl'] as const) {
    const template = data.endpoints[field];
    if (!template) continue;
    check(template, ['endpoints', field], true);
    for (const key of placeholdersIn(template))
      if (key.startsWith('port.') && !declaredPorts.has(key))
        throw new ConfigError(`${at(['endpoints', field])}: unknown placeholder {${key}}: no process listens on it`);
  }
}

export function readTargetFile(file: string): TargetFile {
  const { data, at } = readYamlConfig(file, targetFileSchema, 'target file');
  if (BUILT_IN.has(data.name) || data.name.includes('['))
    throw new ConfigError(`${at(['name'])}: ${JSON.stringify(data.name)} is a built-in target's name; give yours its own`);
  checkPlaceholders(data, at);
  return data;
}

/** The values placeholders stand for, in one process or endpoint. */
export type Placeholders = Record<string, string | string[]>;

/** Fills `{…}` placeholders; an unknown one is a configuration error naming it. */
export function fill(text: string, values: Placeholders, where: string): string {
  return text.replace(/\{([a-zA-Z0-9_.-]+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined && key.startsWith('env.'))
      throw new ConfigError(`${where}: {${key}} names an environment variable that is not set`);
    if (value === undefined)
      throw new ConfigError(`${where}: unknown placeholder {${key}} (see "Describing an emulator: --target-file" in README)`);
    if (Array.isArray(value)) throw new ConfigError(`${where}: {${key}} stands for several arguments and must be a whole argument`);
    return value;
  });
}

/** A command's arguments filled; a placeholder for several arguments, alone in its argument, expands. */
export function fillCommand(command: string[], values: Placeholders, where: string): string[] {
  return command.flatMap((argument) => {
    const whole = /^\{([a-zA-Z0-9_.-]+)\}$/.exec(argument);
    const value = whole ? values[whole[1]!] : undefined;
    return Array.isArray(value) ? value : [fill(argument, values, where)];
  });
}
