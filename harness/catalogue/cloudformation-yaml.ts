import { parseDocument, LineCounter, isMap, isNode, isScalar, type Document, type ScalarTag, type CollectionTag } from 'yaml';

/**
 * CloudFormation short-form intrinsics (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) are not YAML core tags;
 * without these definitions a real SAM template does not even parse. Each loads as its long form,
 * `{ "Fn::Sub": ... }`, which is what the rest of the catalogue sees.
 */
const intrinsicNames = [
  'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Condition', 'Ref',
];

function longForm(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

const cloudFormationTags: Array<ScalarTag | CollectionTag> = intrinsicNames.flatMap((name) => {
  const tag = `!${name}`;
  const key = longForm(name);
  const scalar: ScalarTag = {
    tag,
    resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split('.') : value }) as never,
  };
  const seq: CollectionTag = {
    tag, collection: 'seq',
    resolve: (node) => ({ [key]: node.toJSON() }) as never,
  };
  const map: CollectionTag = {
    tag, collection: 'map',
    resolve: (node) => ({ [key]: node.toJSON() }) as never,
  };
  return [scalar, seq, map];
});

export interface LocatedDocument {
  value: unknown;
  /** "line:column" of the node at a path, or undefined when the path is absent from the source. */
  locate(path: ReadonlyArray<PropertyKey>): string | undefined;
}

/** Parses YAML (or JSON, which is YAML) with CloudFormation tags, keeping source positions for errors. */
export function parseCloudFormationYaml(source: string): { errors: string[]; document?: LocatedDocument } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { customTags: cloudFormationTags, lineCounter, uniqueKeys: true });
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
