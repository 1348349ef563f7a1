import { caseRuntimes, cases } from '../../cases/catalogue.ts';
import { SPEC_FILE } from '../../cases/spec-clauses.ts';
import { TARGET_NAMES } from '../../targets/registry.ts';
import { parse } from '../args.ts';
import { ExitCode } from '../../core/errors.ts';

/** `lsc list`: the case catalogue with clauses, requirement and provenance. */
export function listCommand(args: string[]): number {
  const values = parse(args, { json: { type: 'boolean', default: false } });
  if (values.json) {
    console.log(
      JSON.stringify(
        cases.map((c) => ({ ...c, runtimes: caseRuntimes(c) })),
        null,
        2,
      ),
    );
    return ExitCode.ok;
  }
  for (const c of cases) {
    console.log(`${c.id.padEnd(15)} ${c.title}`);
    console.log(
      `${''.padEnd(15)} runtimes: ${c.functions.length ? caseRuntimes(c).join(', ') : "none (the harness's own origins)"} · clauses: ${c.clauses.join(', ')} (docs/spec.md) · provenance: ${c.provenance}`,
    );
    console.log(`${''.padEnd(15)} ${c.requirement}\n`);
  }
  const runs = cases.reduce((sum, c) => sum + caseRuntimes(c).length, 0);
  console.log(
    `${cases.length} cases (${runs} case × runtime runs) · targets: ${TARGET_NAMES.join(', ')} · each clause is stated, with its sources, in ${SPEC_FILE}`,
  );
  return ExitCode.ok;
}
