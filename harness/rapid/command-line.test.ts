import { expect, test } from '@playwright/test';
import { parseLayerCommandLine } from './command-line.ts';
import { functionFromEnvironment } from './container-layer.ts';

test('the container layer takes RIE’s command line: flags first, then the runtime’s command', () => {
  const none = () => false;
  expect(parseLayerCommandLine(['--log-level', 'error', '/var/task/bootstrap', '--flag-of-the-runtime'], none)).toEqual({
    invokeAddress: { host: '0.0.0.0', port: 8080 },
    command: ['/var/task/bootstrap', '--flag-of-the-runtime'],
  });
  expect(
    parseLayerCommandLine(['--runtime-interface-emulator-address=127.0.0.1:9000', '/usr/bin/node', 'ric.mjs'], none).invokeAddress,
  ).toEqual({
    host: '127.0.0.1',
    port: 9000,
  });
});

test('without a command it finds the bootstrap where RIE looks, /var/task first (as SAM relies on)', () => {
  const present = (paths: string[]) => (path: string) => paths.includes(path);
  expect(parseLayerCommandLine(['--log-level', 'error'], present(['/var/runtime/bootstrap', '/var/task/bootstrap'])).command).toEqual([
    '/var/task/bootstrap',
  ]);
  expect(parseLayerCommandLine([], present(['/var/runtime/bootstrap'])).command).toEqual(['/var/runtime/bootstrap']);
  expect(() => parseLayerCommandLine([], present([]))).toThrow(/no runtime command given and none of/);
});

test('the function is what the container’s environment says, with RIE’s defaults for the rest', () => {
  const { fn, env } = functionFromEnvironment({ AWS_LAMBDA_FUNCTION_HANDLER: 'index.handler', AWS_LAMBDA_FUNCTION_TIMEOUT: '3' });
  expect(fn).toMatchObject({ name: 'test_function', handler: 'index.handler', timeoutSeconds: 3, codeUri: '/var/task' });
  // The runtime client refuses to start without these; SAM sets only some of them.
  expect(env).toMatchObject({
    _HANDLER: 'index.handler',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/test_function',
    AWS_LAMBDA_LOG_STREAM_NAME: '$LATEST',
  });
  expect(functionFromEnvironment({ AWS_LAMBDA_FUNCTION_TIMEOUT: 'soon' }).fn.timeoutSeconds).toBe(300);
});
