import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeEndpointMap, type EndpointMap } from '../../harness/targets/endpoint-map.ts';
import { runLsc, startLsc } from './cli-process.ts';

// An endpoint map entry with `auth: aws_iam` decides how every observer treats that URL: the wire
// client signs (the reference accepts a signature at a NONE URL, as Lambda does), and the browser,
// which cannot sign, makes its case UNSUPPORTED rather than failed.
test('auth: aws_iam in an endpoint map: lsc serve declares it, the wire signs, the browser case is UNSUPPORTED', async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-iam-'));
  const served = await startLsc(['serve', '--endpoints-out', join(dir, 'served.json')], /Ctrl-C stops it/, 60_000);
  try {
    const map = JSON.parse(readFileSync(join(dir, 'served.json'), 'utf8')) as EndpointMap;
    expect(map.functions.SseTickerIam?.auth, 'the served map declares the template’s AWS_IAM URL').toBe('aws_iam');
    expect(map.functions.SseTicker?.auth, 'and only that').toBeUndefined();
    const marked: EndpointMap = {
      target: 'reference-all-iam',
      functions: { ...map.functions, SseTicker: { ...map.functions.SseTicker!, auth: 'aws_iam' } },
    };
    writeEndpointMap(join(dir, 'marked.yaml'), marked);
    // What is tested is who signs; the cadence is the reference project's question. A CI run lost this
    // test to one frame 0.94 s late on a busy machine; a 2 s floor still fails a buffered answer, whose
    // first of ten one-second frames comes 9 s late.
    const run = await runLsc(
      [
        'run',
        '--target',
        'external',
        '--endpoints',
        join(dir, 'marked.yaml'),
        '--grep',
        'SSE-00[15] ',
        '--timing-tolerance',
        '2000',
        '--report',
        join(dir, 'report'),
      ],
      { timeoutMs: 120_000 },
    );
    expect(run.code, run.output).toBe(0);
    const results = (
      JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as {
        results: Array<{ caseId: string; verdict: string; message?: string }>;
      }
    ).results;
    const verdict = (id: string) => results.find((result) => result.caseId === id);
    expect(verdict('SSE-001')?.verdict, 'the wire case, signed').toBe('PASS');
    expect(verdict('SSE-005')?.verdict, 'the EventSource case').toBe('UNSUPPORTED');
    expect(verdict('SSE-005')?.message ?? '').toMatch(/EventSource cannot sign a request/);
  } finally {
    served.child.kill('SIGINT');
    await served.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
