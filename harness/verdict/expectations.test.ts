import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ConfigError } from '../core/errors.ts';
import { readManifest } from './expectations.ts';
import { allowsPass, failedDifferently, signatureOf } from './signature.ts';

test('a signature keeps what tells failures apart and generalises what varies between runs', () => {
  const message = '6 frames arrived within 0 ms at t=5.81 s, though written over 5.00 s: the stream was buffered';
  const signature = new RegExp(signatureOf(message));
  expect(signature.test(message)).toBe(true);
  expect(signature.test('6 frames arrived within 3 ms at t=6.02 s, though written over 5.00 s: the stream was buffered')).toBe(true);
  expect(signature.test('5 frames arrived within 3 ms at t=6.02 s, though written over 5.00 s: the stream was buffered')).toBe(false);
  const status = new RegExp(
    signatureOf('status (the response began at t=10.15 s; the handler writes from t=0 to t=9 s): expected 200, received 502'),
  );
  expect(status.test('status (the response began at t=9.98 s; the handler writes from t=0 to t=9 s): expected 200, received 502')).toBe(
    true,
  );
  expect(status.test('status (the response began at t=0.01 s; the handler writes from t=0 to t=9 s): expected 200, received 500')).toBe(
    false,
  );
  const ids = new RegExp(signatureOf('GET http://127.0.0.1:41234/x failed for 0f8fad5b-d9cb-469f-a165-70867728950e (+1.25 s)'));
  expect(ids.test('GET http://127.0.0.1:5000/x failed for 7c9e6679-7425-40de-944b-e07fc1f90ae7 (+3 s)')).toBe(true);
  expect(new RegExp(signatureOf('a [bracketed] (thing) costs $5? *yes*')).test('a [bracketed] (thing) costs $5? *yes*')).toBe(true);
});

function manifestError(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lsc-manifest-'));
  try {
    const file = join(dir, 'm.yaml');
    writeFileSync(file, text);
    readManifest(file);
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a manifest entry must say how the case fails, and a control never takes one', () => {
  expect(manifestError('target: t\ncases:\n  SSE-001:\n    verdict: FAIL\n    note: buffers\n')).toMatch(
    /m\.yaml:\d+:\d+: cases\.SSE-001\.signature: missing: every entry says how the case fails/,
  );
  expect(manifestError('target: t\ncases:\n  SSE-001:\n    verdict: FAIL\n    note: buffers\n    signature: "(unclosed"\n')).toMatch(
    /signature: not a valid regular expression/,
  );
  expect(manifestError('target: t\ncases:\n  CONTROL-002:\n    verdict: FAIL\n    note: x\n    signature: x\n')).toMatch(
    /m\.yaml:3:\d+: cases\.CONTROL-002: the controls prove the harness itself/,
  );
  expect(
    manifestError('target: t\ncases:\n  SSE-001:\n    verdict: FAIL\n    note: x\n    signature: x\n    upstream: not a url\n'),
  ).toMatch(/upstream: an https URL/);
  expect(
    manifestError(
      'target: t\ncases:\n  SSE-001:\n    verdict: INCONCLUSIVE\n    note: x\n    signature: ^x$\n    upstream: https://github.com/aws/aws-sam-cli/issues/6501\n',
    ),
  ).toBe('no error');
});

test('a manifest names a case in another runtime as "ID [runtime]", and only where the case runs in it', () => {
  const entry = (key: string) => `target: t\ncases:\n  ${key}:\n    verdict: FAIL\n    note: x\n    signature: x\n`;
  expect(manifestError(entry('"SSE-001 [go]"'))).toBe('no error');
  expect(manifestError(entry('"MODE-001 [go]"'))).toBe('no error');
  expect(manifestError(entry('"SSE-006 [go]"'))).toMatch(/m\.yaml:3:\d+: cases\.SSE-006 \[go\]: no such case in that runtime/);
  expect(manifestError(entry('"SSE-001 [java]"'))).toMatch(/no such case in that runtime/);
  expect(manifestError(entry('MODE-001'))).toMatch(/MODE-001: no such case in that runtime/);
});

test('an entry may allow FAIL or INCONCLUSIVE, for a target whose own timing decides between them', () => {
  const entry = (verdict: string) => `target: t\ncases:\n  SSE-001:\n    verdict: ${verdict}\n    note: x\n    signature: x\n`;
  expect(manifestError(entry('[FAIL, INCONCLUSIVE]'))).toBe('no error');
  expect(manifestError(entry('[FAIL]'))).toMatch(/m\.yaml:4:\d+: cases\.SSE-001\.verdict/);
  expect(manifestError(entry('[FAIL, NON_STRICT]'))).toMatch(/cases\.SSE-001\.verdict/);
  expect(manifestError(entry('[FAIL, FAIL]'))).toMatch(/cases\.SSE-001\.verdict: a verdict is listed twice/);

  const either = { verdict: ['FAIL', 'INCONCLUSIVE'], note: 'n', signature: '^(?:cut at the timeout|precondition not met \\(normal\\))$' };
  expect(failedDifferently(either, { inconclusive: false, message: 'cut at the timeout' })).toBeUndefined();
  expect(failedDifferently(either, { inconclusive: true, message: 'precondition not met (normal)' })).toBeUndefined();
  expect(failedDifferently(either, { inconclusive: false, message: 'hung' })).toMatch(
    /^the manifest expects FAIL or INCONCLUSIVE matching/,
  );
  // A single verdict still tells the two apart.
  const failOnly = { verdict: 'FAIL', note: 'n', signature: '^.*$' };
  expect(failedDifferently(failOnly, { inconclusive: false, message: 'anything' })).toBeUndefined();
  expect(failedDifferently(failOnly, { inconclusive: true, message: 'anything' })).toMatch(
    /expects FAIL matching .* observed INCONCLUSIVE/,
  );
  const inconclusiveOnly = { verdict: 'INCONCLUSIVE', note: 'n', signature: '^.*$' };
  expect(failedDifferently(inconclusiveOnly, { inconclusive: false, message: 'anything' })).toMatch(/observed FAIL/);
  expect(failedDifferently({ ...failOnly, verdict: 'NON_STRICT' }, { inconclusive: false, message: 'anything' })).toBeUndefined();
});

test('an entry that lists PASS is intermittent: a pass is allowed, a failure still has to be the one described', () => {
  const entry = (verdict: string) => `target: t\ncases:\n  SSE-001:\n    verdict: ${verdict}\n    note: x\n    signature: x\n`;
  expect(manifestError(entry('[FAIL, INCONCLUSIVE, PASS]'))).toBe('no error');
  expect(manifestError(entry('[PASS, FAIL]'))).toBe('no error');
  expect(manifestError(entry('[PASS]'))).toMatch(/cases\.SSE-001\.verdict/);
  expect(manifestError(entry('PASS'))).toMatch(/cases\.SSE-001\.verdict/);

  const intermittent = { verdict: ['FAIL', 'PASS'], note: 'n', signature: '^cut at the timeout$' };
  expect(allowsPass(intermittent)).toBe(true);
  expect(allowsPass({ verdict: ['FAIL', 'INCONCLUSIVE'] })).toBe(false);
  expect(allowsPass({ verdict: 'FAIL' })).toBe(false);
  expect(failedDifferently(intermittent, { inconclusive: false, message: 'cut at the timeout' })).toBeUndefined();
  expect(failedDifferently(intermittent, { inconclusive: false, message: 'hung' })).toMatch(/^the manifest expects FAIL matching/);
  expect(failedDifferently(intermittent, { inconclusive: true, message: 'cut at the timeout' })).toMatch(/observed INCONCLUSIVE/);
  // PASS allows no failure: an entry of INCONCLUSIVE or PASS still refuses a FAIL.
  const inconclusiveOrPass = { verdict: ['INCONCLUSIVE', 'PASS'], note: 'n', signature: '^.*$' };
  expect(failedDifferently(inconclusiveOrPass, { inconclusive: false, message: 'anything' })).toMatch(
    /^the manifest expects INCONCLUSIVE matching .* observed FAIL/,
  );
});
