import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Tags } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './errors.ts';

/**
 * Every configuration file lsc reads (templates, manifests, endpoint maps, case files) is YAML or
 * JSON, and every problem in one is reported the same way: `file:line:column: field.path: what is
 * wrong`, exit code 3. The positions come from the source, so a reader can go straight to the line.
 */
export interface LocatedDocument {
  value: unknown;
  /** "line:column" of the node at a path, or undefined when the path is absent from the source. */
  locate(path: ReadonlyArray<PropertyKey>): string | undefined;
}

/** Parses YAML (or JSON, which is YAML), keeping source positions; `customTags` adds tags such as CloudFormation's. */
export function parseLocatedYaml(source: string, customTags?: Tags): { errors: string[]; document?: LocatedDocument } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { ...(customTags ? { customTags } : {}), lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${pos ? `${pos.line}:${pos.col}: ` : ''}${e.message.split('\n')[0]}`;
      }),
    };
  }
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${line}:${col}`;
  };
  const locate = (path: ReadonlyArray<PropertyKey>): string | undefined => {
    // Walk up to the nearest ancestor that exists so a missing field points at its parent; point at
    // a mapping's key rather than its value, which is where a reader looks for the field.
    for (let depth = path.length; depth >= 0; depth--) {
      const parent = depth > 0 ? doc.getIn(path.slice(0, depth - 1) as unknown[], true) : undefined;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path[depth - 1]));
        if (pair && isNode(pair.key) && pair.key.range) return position(pair.key.range[0]);
      }
      const node = doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return position(node.range[0]);
    }
    return undefined;
  };
  return { errors: [], document: { value: doc.toJS({ maxAliasCount: 100 }), locate } };
}

export interface YamlConfig<T> {
  data: T;
  document: LocatedDocument;
  /** The file as errors name it: relative to the working directory when it lies beneath it. */
  shown: string;
  /** `shown:line:column: path` for a further check of the caller's own. */
  at(path: ReadonlyArray<PropertyKey>): string;
}

/** Reads `file` as `what` (e.g. "endpoint map"), validated by `schema`; any problem is one ConfigError naming file, line and field. */
export function readYamlConfig<S extends z.ZodType>(file: string, schema: S, what: string): YamlConfig<z.infer<S>> {
  const fromHere = relative(process.cwd(), file);
  const shown = fromHere && !fromHere.startsWith('..') ? fromHere : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${shown}: cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { errors, document } = parseLocatedYaml(text);
  if (!document) throw new ConfigError(`${shown}:${errors[0]!.replace(/:$/, '')} (the ${what} is not valid YAML or JSON)`);
  const at = (path: ReadonlyArray<PropertyKey>) =>
    `${shown}:${document.locate(path) ?? '1:1'}: ${path.map(String).join('.') || '(top level)'}`;
  const parsed = schema.safeParse(document.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${at(issue.path)}: ${issue.message}`);
  }
  return { data: parsed.data, document, shown, at };
}
