/** One fixture function as every target sees it, derived from the SAM template. */
export type InvokeMode = 'BUFFERED' | 'RESPONSE_STREAM';

export interface FunctionSpec {
  /** Logical ID in the template; the name cases and endpoint maps use. */
  name: string;
  runtime: string;
  handler: string;
  /** Absolute path of the function's code directory. */
  codeUri: string;
  timeoutSeconds: number;
  memorySizeMb: number;
  environment: Record<string, string>;
  functionUrl?: { authType: 'NONE' | 'AWS_IAM'; invokeMode: InvokeMode };
  apiEvents: Array<{ path: string; method: string }>;
}
