import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { rowKey, type Report } from '../../harness/report/model.ts';
import { escapeRegExp } from '../../harness/verdict/signature.ts';
import { runJudgedLsc } from './cli-process.ts';

// The cargo-lambda target reaches its Runtime API through the runtime-api-prefix adapter, so its
// verdicts are cargo-lambda's only if the adapter changes nothing. The reference target can run with
// the same adapter between each instance and its Runtime API (LSC_REFERENCE_INTERPOSE); the whole
// suite, the 25 MB and 200 MB streams included, must then judge every case as a plain run does.

interface Run {
  code: number | null;
  output: string;
  version: string;
  verdicts: Map<string, { verdict: string; message?: string }>;
}

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-transparency-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(name: string, env: NodeJS.ProcessEnv = {}, only: string[] = []): Promise<Run> {
  const report = join(dir, name);
  const grep = only.length ? ['--grep', casesPattern(only)] : [];
  // Every runtime: on cargo-lambda the adapter carries the Go and Rust runtimes' requests too.
  const { code, output } = await runJudgedLsc(['run', '--target', 'reference', '--runtime', 'node,go,rust', ...grep, '--report', report], {
    timeoutMs: 300_000,
    env,
  });
  const parsed = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as Report;
  const verdicts = new Map<string, { verdict: string; message?: string }>();
  for (const result of parsed.results.filter((r) => r.target === 'reference')) {
    verdicts.set(rowKey(result), { verdict: result.verdict, message: result.message });
  }
  return { code, output, version: parsed.runs.find((r) => r.target === 'reference')?.targetVersion ?? '', verdicts };
}

/** Titles read `SSE-003 [go] SSE without…`, a Node case's `SSE-003 SSE without…`: each key and nothing else. */
function casesPattern(keys: string[]): string {
  return keys.map((key) => (key.includes('[') ? `${escapeRegExp(key)} ` : `${escapeRegExp(key)} (?!\\[)`)).join('|');
}

/** Cases that did not pass in either run, or were judged differently. */
function unsettled(plain: Run, interposed: Run): string[] {
  const keys = new Set([...plain.verdicts.keys(), ...interposed.verdicts.keys()]);
  return [...keys].filter((key) => plain.verdicts.get(key)?.verdict !== 'PASS' || interposed.verdicts.get(key)?.verdict !== 'PASS');
}

/** One line per case whose verdict differs, with both messages: what a reader needs to start from. */
function verdictDiff(plain: Run, interposed: Run): string {
  const lines: string[] = [];
  for (const caseId of [...new Set([...plain.verdicts.keys(), ...interposed.verdicts.keys()])].sort()) {
    const a = plain.verdicts.get(caseId);
    const b = interposed.verdicts.get(caseId);
    if (a?.verdict === b?.verdict) continue;
    lines.push(`${caseId}: plain ${a?.verdict ?? '(absent)'}, through the adapter ${b?.verdict ?? '(absent)'}`);
    for (const [side, record] of [
      ['plain', a],
      ['adapter', b],
    ] as const) {
      if (record?.message) lines.push(`    ${side}: ${(record.message.split('\n')[0] ?? '').slice(0, 300)}`);
    }
  }
  return lines.join('\n');
}

test('the runtime-api-prefix adapter is transparent: the reference target judges every case alike through it', async () => {
  // Two whole runs, one after the other: each takes about 75 s on two cores.
  test.setTimeout(660_000);
  const adapter = { LSC_REFERENCE_INTERPOSE: 'runtime-api-prefix' };
  const plain = await run('plain');
  const interposed = await run('interposed', adapter);
  // No harness error, and no run voided by its controls: only case verdicts may still be unsettled.
  expect([0, 1], plain.output).toContain(plain.code);
  expect([0, 1], interposed.output).toContain(interposed.code);
  // A difference is confirmed before it counts. This test is about the adapter; the reference project
  // holds the reference to every case on its own, without a second chance. A case that failed in
  // either whole run (a timing case the machine made late, say) runs again in both configurations,
  // and those verdicts stand; an adapter that changes a verdict changes it again.
  const again = unsettled(plain, interposed);
  if (again.length > 0) {
    const plainAgain = await run('plain-again', {}, again);
    const interposedAgain = await run('interposed-again', adapter, again);
    test.info().annotations.push({ type: 'confirmed', description: `run again in both configurations: ${again.join(', ')}` });
    for (const [whole, confirmation] of [
      [plain, plainAgain],
      [interposed, interposedAgain],
    ] as const) {
      expect([0, 1], confirmation.output).toContain(confirmation.code);
      for (const key of again) {
        const verdict = confirmation.verdicts.get(key);
        expect(verdict, `${key} ran again`).toBeDefined();
        whole.verdicts.set(key, verdict!);
      }
    }
  }
  const failed = [...plain.verdicts, ...interposed.verdicts].filter(([, { verdict }]) => verdict !== 'PASS');
  expect(
    failed.map(([key, { verdict, message }]) => `${key}: ${verdict} ${message?.split('\n')[0] ?? ''}`),
    'every case passes, plain and through the adapter',
  ).toEqual([]);
  // Proof the second run really went through the adapter, and the first did not.
  expect(interposed.version).toContain('runtime-api-prefix adapter');
  expect(plain.version).not.toContain('adapter');
  expect(plain.verdicts.size, 'the plain run judged the catalogue').toBeGreaterThan(40);
  expect(plain.verdicts.has('LIMIT-004') && plain.verdicts.has('LIMIT-005'), 'the large streams are part of the comparison').toBe(true);
  const diff = verdictDiff(plain, interposed);
  expect(diff, `verdicts differ through the adapter:\n${diff}`).toBe('');
  const byCase = (r: Run) => Object.fromEntries([...r.verdicts].map(([caseId, { verdict }]) => [caseId, verdict]));
  expect(byCase(interposed)).toEqual(byCase(plain));
});
