import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { root, runLsc } from './cli-process.ts';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-errors-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const template = (properties: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Broken:
    Type: AWS::Serverless::Function
    Properties:
${properties}
`;

const oneLine = (output: string) => output.trim().split('\n').filter(Boolean);

test('a template field of the wrong type names file, line, resource and field; exit 3', async () => {
  const bad = file(
    'wrong-type.yaml',
    template('      CodeUri: .\n      Handler: index.handler\n      Runtime: nodejs20.x\n      Timeout: soon'),
  );
  const { code, output } = await runLsc(['serve', '--template', bad], { timeoutMs: 30_000 });
  expect(code).toBe(3);
  expect(oneLine(output)).toHaveLength(1);
  expect(output).toMatch(/wrong-type\.yaml:9:\d+: Resources\.Broken\.Properties\.Timeout: .*number/);
});

test('a template missing a required field says which; exit 3', async () => {
  const bad = file('missing.yaml', template('      CodeUri: .\n      Runtime: nodejs20.x'));
  const { code, output } = await runLsc(['run', '--template', bad], { timeoutMs: 30_000 });
  expect(code).toBe(3);
  expect(output).toMatch(/missing\.yaml:\d+:\d+: Resources\.Broken\.Properties\.Handler: Handler is required/);
});

test('a template that is not YAML gives the parse position; exit 3', async () => {
  const bad = file('syntax.yaml', 'Resources: [\n  oops: {\n');
  const { code, output } = await runLsc(['serve', '--template', bad], { timeoutMs: 30_000 });
  expect(code).toBe(3);
  expect(output).toMatch(/syntax\.yaml:\d+:\d+: /);
  expect(output).not.toMatch(/\n\s+at /);
});

test('CloudFormation short tags load', async () => {
  const good = file(
    'tags.yaml',
    template(
      `      CodeUri: !Sub '\${AWS::Region}'\n      Handler: index.handler\n      Runtime: nodejs20.x\n      Role: !GetAtt Role.Arn\n      Environment:\n        Variables:\n          REGION: !Ref AWS::Region`,
    ),
  );
  const { code, output } = await runLsc(['serve', '--template', good, '--endpoints-out', join(dir, 'never.json')], { timeoutMs: 30_000 });
  // CodeUri resolves to an object, which is reported; the tags themselves parsed.
  expect(code).toBe(3);
  expect(output).toMatch(/CodeUri: .*expected string/i);
});

test('an unknown runtime is a configuration error; exit 3', async () => {
  const bad = file('runtime.yaml', template('      CodeUri: .\n      Handler: index.handler\n      Runtime: cobol85'));
  const { code, output } = await runLsc(['serve', '--template', bad, '--endpoints-out', join(dir, 'never.json')], { timeoutMs: 30_000 });
  expect(code).toBe(3);
  expect(output).toMatch(/function Broken: unknown runtime "cobol85"/);
});

test('a malformed endpoint map names the line and the field; exit 3', async () => {
  const bad = file('endpoints.yaml', 'target: mine\nfunctions:\n  SseTicker:\n    url: not-a-url\n');
  const { code, output } = await runLsc(['run', '--target', 'external', '--endpoints', bad], { timeoutMs: 30_000 });
  expect(code).toBe(3);
  expect(output).toMatch(/endpoints\.yaml:4:5: functions\.SseTicker\.url: /);
});

test('a missing endpoint map file is named; exit 3', async () => {
  const { code, output } = await runLsc(['run', '--target', 'external', '--endpoints', join(dir, 'absent.yaml')], { timeoutMs: 30_000 });
  expect(code).toBe(3);
  expect(output).toMatch(/absent\.yaml: cannot read endpoint map \(ENOENT\)/);
});

test('unknown options and commands are usage errors; exit 3', async () => {
  expect((await runLsc(['run', '--frobnicate'], { timeoutMs: 30_000 })).code).toBe(3);
  expect((await runLsc(['launch'], { timeoutMs: 30_000 })).code).toBe(3);
  expect((await runLsc(['run', '--timing-tolerance', 'lots'], { timeoutMs: 30_000 })).code).toBe(3);
  const runtime = await runLsc(['run', '--runtime', 'node,cobol'], { timeoutMs: 30_000 });
  expect(runtime.code).toBe(3);
  expect(runtime.output.trim()).toBe('lsc: --runtime: unknown runtime cobol (known: node, go, rust)');
});

test('lsc list prints every case with clause, requirement and provenance', async () => {
  const { code, output } = await runLsc(['list', '--json'], { timeoutMs: 30_000 });
  expect(code).toBe(0);
  const listed = JSON.parse(output) as Array<{ id: string; clauses: string[]; requirement: string; provenance: string }>;
  expect(listed.length).toBeGreaterThan(20);
  for (const entry of listed) {
    expect(entry.id).toMatch(/^[A-Z]+-\d{3}$/);
    expect(entry.clauses.length > 0 && entry.requirement && entry.provenance).toBeTruthy();
  }
});

test('a manifest naming an unknown case gives file and line; exit 3', async () => {
  writeFileSync(
    join(dir, 'reference.yaml'),
    'target: reference\ncases:\n  SSE-001:\n    verdict: FAIL\n    note: fine\n    signature: x\n  NOPE-404:\n    verdict: FAIL\n    note: no such case\n    signature: x\n',
  );
  const { code, output } = await runLsc(['run', '--grep', 'PRELUDE-001 '], { timeoutMs: 60_000, env: { LSC_EXPECTATIONS_DIR: dir } });
  expect(code, output).toBe(3);
  expect(output).toMatch(/reference\.yaml:7:3: cases\.NOPE-404: no such case/);
  expect(oneLine(output)).toHaveLength(1);
});

test('a real target whose binary is missing says which and how to get it; exit 2', async () => {
  for (const [target, variable] of [
    ['rie', 'LSC_RIE_BINARY'],
    ['sam', 'LSC_SAM_BINARY'],
    ['cargo-lambda', 'LSC_CARGO_LAMBDA_BINARY'],
  ]) {
    const { code, output } = await runLsc(['run', '--target', target!], {
      timeoutMs: 30_000,
      env: { [variable!]: join(dir, 'absent-binary') },
    });
    expect(code, output).toBe(2);
    expect(oneLine(output), output).toEqual([
      `lsc: target ${target} cannot run here: ${variable}=${join(dir, 'absent-binary')} does not exist`,
    ]);
  }
});

test('a Docker target without a reachable engine says so in one line; exit 2', async () => {
  const { findSam } = await import('../../harness/core/tools.ts');
  const sam = findSam().missing;
  if (sam && !process.env.CI) test.skip(true, `sam is not installed here: ${sam}`);
  const { code, output } = await runLsc(['serve', '--target', 'sam', '--endpoints-out', join(dir, 'never.json')], {
    timeoutMs: 60_000,
    env: { DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}` },
  });
  expect(code, output).toBe(2);
  expect(oneLine(output), output).toEqual([
    expect.stringMatching(
      /^lsc: the Docker engine is not reachable \(connect ENOENT .*no-docker\.sock\); start dockerd, or install it: apt-get install docker.io$/,
    ),
  ]);
});

test('an unknown runtime is refused by every target before anything boots; exit 3', async () => {
  const bad = file('runtime-sam.yaml', template('      CodeUri: .\n      Handler: index.handler\n      Runtime: nodejs2000'));
  for (const target of ['rie', 'sam', 'cargo-lambda']) {
    const { code, output } = await runLsc(['serve', '--target', target, '--template', bad, '--endpoints-out', join(dir, 'never.json')], {
      timeoutMs: 30_000,
    });
    expect(code, output).toBe(3);
    expect(output).toMatch(
      /runtime-sam\.yaml:\d+:\d+: Resources\.Broken\.Properties\.Runtime: function Broken: unknown runtime "nodejs2000"/,
    );
  }
});

test('an emulator that exits while booting (a port taken) fails the boot at once, with its own words; exit 2', async () => {
  const { SamTarget } = await import('../../harness/targets/sam.ts');
  const docker = new SamTarget().missing();
  if (docker && !process.env.CI) test.skip(true, `sam cannot run here: ${docker}`);
  // Stands in for SAM CLI refusing to start; what is judged is how the harness reports it.
  const exiting = file('exiting-sam.sh', '#!/bin/sh\necho "OSError: [Errno 98] Address already in use" >&2\nexit 1\n');
  chmodSync(exiting, 0o755);
  const started = Date.now();
  const { code, output } = await runLsc(['serve', '--target', 'sam', '--endpoints-out', join(dir, 'never.json')], {
    timeoutMs: 60_000,
    env: { LSC_SAM_BINARY: exiting },
  });
  expect(code, output).toBe(2);
  expect(oneLine(output)[0]).toMatch(/^lsc: sam local start-(api|lambda) exited while booting \(code 1, signal null\)$/);
  expect(output).toMatch(/Address already in use/);
  expect(Date.now() - started, 'time to give up: not the 60 s readiness timeout').toBeLessThan(30_000);
});

test('a missing Chromium is one line before anything runs, naming what was looked for; exit 2', async () => {
  const { code, output } = await runLsc(['run'], { timeoutMs: 30_000, env: { LSC_CHROMIUM: join(dir, 'no-such-chromium') } });
  expect(code).toBe(2);
  expect(oneLine(output)).toHaveLength(1);
  expect(output).toMatch(
    /^lsc: no Chromium to run the browser cases: LSC_CHROMIUM=.*no-such-chromium does not exist\. Install one \(`npx playwright install chromium`/,
  );
});

test('a manifest that names a control is a configuration error; exit 3', async () => {
  const manifests = mkdtempSync(join(dir, 'manifests-'));
  writeFileSync(
    join(manifests, 'reference.yaml'),
    'target: reference\ncases:\n  CONTROL-001:\n    verdict: FAIL\n    note: never\n    signature: x\n',
  );
  const { code, output } = await runLsc(['run'], { timeoutMs: 30_000, env: { LSC_EXPECTATIONS_DIR: manifests } });
  expect(code).toBe(3);
  expect(output).toMatch(
    /reference\.yaml:3:\d+: cases\.CONTROL-001: the controls prove the harness itself and never take a manifest entry/,
  );
});

test('a container layer asked of a target without one, or one that does not exist, is one line; exit 3', async () => {
  for (const [args, message] of [
    [['run', '--target', 'cargo-lambda', '--runtime-api', 'lsc'], /--runtime-api applies to sam, rie-container named plainly/],
    [['run', '--target', 'sam', '--runtime-api', 'rapid'], /--runtime-api takes rie, lsc \(comma-separated\), got "rapid"/],
    [['serve', '--target', 'sam[runtime-api=fast]'], /target "sam\[runtime-api=fast\]": runtime-api takes rie or lsc, got "fast"/],
    [['run', '--target', 'reference[runtime-api=lsc]'], /target reference has no container layer to choose/],
    [['serve', '--target', 'sam', '--runtime-api', 'rie,lsc'], /lsc serve boots one target/],
  ] as const) {
    const { code, output } = await runLsc([...args], { timeoutMs: 30_000 });
    expect(code, output).toBe(3);
    expect(oneLine(output), output).toHaveLength(1);
    expect(output).toMatch(message);
  }
});

test('--expectations: a missing file, or a manifest of another target, is one line and exit 3', async () => {
  const absent = await runLsc(['run', '--expectations', join(dir, 'absent.yaml')], { timeoutMs: 30_000 });
  expect(absent.code, absent.output).toBe(3);
  expect(oneLine(absent.output)).toHaveLength(1);
  expect(absent.output).toMatch(/--expectations .*absent\.yaml: no such file/);
  const other = file('other-target.yaml', 'target: my-emulator\ncases: {}\n');
  const mismatch = await runLsc(['run', '--expectations', other], { timeoutMs: 30_000 });
  expect(mismatch.code, mismatch.output).toBe(3);
  expect(mismatch.output).toMatch(/other-target\.yaml: the manifest is for target "my-emulator", and this run judges "reference"/);
});

test('a reader that closes the pipe early ends the output quietly; exit 0', async () => {
  const lsc = join(root, 'bin', 'lsc.mjs');
  const { status, stderr } = spawnSync(
    'bash',
    ['-c', `node ${JSON.stringify(lsc)} targets | head -1 >/dev/null; exit "\${PIPESTATUS[0]}"`],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  expect(stderr).not.toMatch(/EPIPE|Unhandled/);
  expect(status).toBe(0);
});
