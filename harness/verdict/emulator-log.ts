import { FUNCTION_OUTPUT_TAG } from '../core/log-buffer.ts';
/**
 * What an emulator recorded itself, told apart from what the function printed. Function output passes
 * through many emulators' own stdout (RIE, SAM), so a line is the function's when the target tagged it
 * as function output or when it has the runtime client's console format (`<ISO time>\t<request id>\t
 * <LEVEL>\t…`, which is how aws-lambda-ric prints "Invoke Error" too).
 */
const RUNTIME_CLIENT_LINE = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\t[^\t]*\t(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t/;

export function emulatorLines(logs: string): string[] {
  return logs
    .split('\n')
    .filter((line) => line.length > 0 && !RUNTIME_CLIENT_LINE.test(line) && !line.includes(`] ${FUNCTION_OUTPUT_TAG} `));
}
