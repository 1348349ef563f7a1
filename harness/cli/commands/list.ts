import { cases } from '../../cases/catalogue.ts';
import { SPEC_FILE } from '../../cases/spec-clauses.ts';
import { TARGET_NAMES } from '../../targets/registry.ts';
import { parse } from '../args.ts';
import { ExitCode } from '../../core/errors.ts';

/** `lsc list`: the case catalogue with clauses, requirement and provenance. */
export function listCommand(args: string[]): number {
  const values = parse(args, { json: { type: 'boolean', default: false } });
  if (values.json) {
    console.log(JSON.stringify(cases, null, 2));
    return ExitCode.ok;
  }
  for (const c of cases) {
    console.log(`${c.id.padEnd(13)} ${c.title}`);
    console.log(`${''.padEnd(13)} clauses: ${c.clauses.join(', ')} (docs/spec.md) · provenance: ${c.provenance}`);
    console.log(`${''.padEnd(13)} ${c.requirement}\n`);
  }
  console.log(`${cases.length} cases · targets: ${TARGET_NAMES.join(', ')} · each clause is stated, with its sources, in ${SPEC_FILE}`);
  return ExitCode.ok;
}
