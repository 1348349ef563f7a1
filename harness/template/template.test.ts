import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ConfigError } from '../core/errors.ts';
import { loadTemplate, templateWithBuiltCode } from './template.ts';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lsc-template-test-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(text: string) {
  const file = join(dir, `t${Math.random().toString(16).slice(2)}.yaml`);
  writeFileSync(file, text);
  return loadTemplate(file);
}

test('the fixture template loads every function with its URL config and globals', () => {
  const functions = loadTemplate(join(process.cwd(), 'fixtures', 'template.yaml'));
  const ticker = functions.find((fn) => fn.name === 'SseTicker');
  expect(ticker).toMatchObject({ runtime: 'nodejs20.x', handler: 'index.handler', timeoutSeconds: 30, memorySizeMb: 256 });
  expect(ticker?.functionUrl).toEqual({ authType: 'NONE', invokeMode: 'RESPONSE_STREAM' });
  expect(ticker?.environment).toEqual({ TICK_COUNT: '10', TICK_INTERVAL_MS: '1000' });
  expect(ticker?.apiEvents).toEqual([{ path: '/sse', method: 'GET' }]);
  expect(functions.find((fn) => fn.name === 'BufferedEcho')?.functionUrl?.invokeMode).toBe('BUFFERED');
});

test('defaults: Timeout 3, MemorySize 128, InvokeMode BUFFERED', () => {
  const [fn] = load(
    'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: ., Handler: i.h, Runtime: nodejs22.x, FunctionUrlConfig: {AuthType: NONE}}\n',
  );
  expect(fn).toMatchObject({ timeoutSeconds: 3, memorySizeMb: 128, functionUrl: { invokeMode: 'BUFFERED' } });
});

test('errors name the line, resource and field', () => {
  expect(() =>
    load(
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Handler: i.h\n      Runtime: nodejs22.x\n      FunctionUrlConfig: {AuthType: NONE, InvokeMode: STREAMING}\n',
    ),
  ).toThrow(/:8:\d+: Resources\.F\.Properties\.FunctionUrlConfig\.InvokeMode: /);
  expect(() =>
    load('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Runtime: nodejs22.x\n'),
  ).toThrow(/Resources\.F\.Properties\.Handler: Handler is required/);
  expect(() => load('Resources: {}\n')).toThrow(/no AWS::Serverless::Function resources/);
  expect(() =>
    load(
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Handler: i.h\n      Runtime: nodejs22.x\n      Environment: {Variables: {A: !Ref Missing}}\n',
    ),
  ).toThrow(/Environment\.Variables\.A: !Ref Missing has no local value/);
  expect(() => load('a: [\n')).toThrow(ConfigError);
});

test('CloudFormation short tags load as their long forms', () => {
  const [fn] = load(
    'Parameters:\n  P: {Type: String, Default: v}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Handler: i.h\n      Runtime: nodejs22.x\n      Role: !GetAtt Role.Arn\n      Tags: {a: !Sub "x-${AWS::Region}", b: !Join [",", [1, 2]]}\n      Environment: {Variables: {P: !Ref P, R: !Ref AWS::Region}}\n',
  );
  expect(fn?.environment).toEqual({ P: 'v', R: 'us-east-1' });
});

test('a CodeUri that does not exist is named with its line, before any target tries to run it', () => {
  expect(() =>
    load(
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./no-such-dir\n      Handler: i.h\n      Runtime: nodejs22.x\n',
    ),
  ).toThrow(/:5:\d+: Resources\.F\.Properties\.CodeUri: function F: .*no-such-dir does not exist/);
});

test('a provided.al2023 function takes its runtime client and build from SAM build metadata', () => {
  const functions = loadTemplate(join(process.cwd(), 'fixtures', 'template.yaml'));
  expect(functions.find((fn) => fn.name === 'SseTicker')).toMatchObject({ language: 'node' });
  expect(functions.find((fn) => fn.name === 'SseTicker')?.build).toBeUndefined();
  expect(functions.find((fn) => fn.name === 'SseTickerGo')).toMatchObject({
    runtime: 'provided.al2023',
    language: 'go',
    build: { kind: 'go', packageDir: join(process.cwd(), 'functions', 'go', 'sse-ticker') },
  });
  expect(functions.find((fn) => fn.name === 'BigStreamRust')).toMatchObject({
    language: 'rust',
    build: { kind: 'rust', crateDir: join(process.cwd(), 'functions', 'rust'), binary: 'big-stream' },
  });
  const provided =
    'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: ., Handler: bootstrap, Runtime: provided.al2023}\n';
  expect(() => load(provided)).toThrow(/Resources\.F\.Metadata.*needs Metadata\.BuildMethod go1\.x or rust-cargolambda/);
  expect(() => load(`${provided}    Metadata: {BuildMethod: rust-cargolambda}\n`)).toThrow(
    /:5:\d+: Resources\.F\.Metadata\.BuildProperties\.Binary: function F: rust-cargolambda needs the binary's name/,
  );
});

test('the template SAM reads names the built code of the run functions only', () => {
  const functions = loadTemplate(join(process.cwd(), 'fixtures', 'template.yaml'))
    .filter((fn) => fn.name === 'Probe' || fn.name === 'SseTickerGo')
    .map((fn) => (fn.build ? { ...fn, codeUri: '/cache/go-abc' } : fn));
  const template = JSON.parse(templateWithBuiltCode(join(process.cwd(), 'fixtures', 'template.yaml'), functions));
  expect(Object.keys(template.Resources)).toEqual(['Probe', 'SseTickerGo']);
  expect(template.Resources.SseTickerGo.Properties.CodeUri).toBe('/cache/go-abc');
  expect(template.Resources.SseTickerGo.Metadata).toBeUndefined();
  expect(template.Resources.SseTickerGo.Properties.Environment.Variables.TICK_COUNT).toEqual({ Ref: 'TickCount' });
  expect(template.Resources.Probe.Properties.CodeUri).toBe(join(process.cwd(), 'functions', 'node', 'probe'));
});
