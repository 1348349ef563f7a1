import type { CollectionTag, ScalarTag } from 'yaml';
import { parseLocatedYaml, type LocatedDocument } from '../core/yaml-config.ts';

/**
 * CloudFormation short-form intrinsics (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) are not YAML core tags;
 * without these definitions a real SAM template does not even parse. Each loads as its long form,
 * `{ "Fn::Sub": ... }`, which is what the rest of the catalogue sees.
 */
const intrinsicNames = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Condition',
  'Ref',
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
    tag,
    collection: 'seq',
    resolve: (node) => ({ [key]: node.toJSON() }) as never,
  };
  const map: CollectionTag = {
    tag,
    collection: 'map',
    resolve: (node) => ({ [key]: node.toJSON() }) as never,
  };
  return [scalar, seq, map];
});

export type { LocatedDocument };

/** Parses YAML (or JSON, which is YAML) with CloudFormation tags, keeping source positions for errors. */
export function parseCloudFormationYaml(source: string): { errors: string[]; document?: LocatedDocument } {
  return parseLocatedYaml(source, cloudFormationTags);
}
