/** One fixture function as every target sees it, derived from the SAM template. */
export type InvokeMode = 'BUFFERED' | 'RESPONSE_STREAM';

/**
 * The runtime dimension of the matrix: which runtime client the function is written for. Node
 * functions run on aws-lambda-ric; Go (aws-lambda-go) and Rust (lambda_runtime) are compiled into a
 * `bootstrap` for provided.al2023.
 */
export const LANGUAGES = ['node', 'go', 'rust'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How a compiled function is built, from SAM's Metadata (BuildMethod go1.x or rust-cargolambda). */
export type BuildRecipe = { kind: 'go'; packageDir: string } | { kind: 'rust'; crateDir: string; binary: string };

export interface FunctionSpec {
  /** Logical ID in the template; the name cases and endpoint maps use. */
  name: string;
  runtime: string;
  language: Language;
  /** Present for compiled functions; runners start `<codeUri>/bootstrap` once it is built. */
  build?: BuildRecipe;
  handler: string;
  /** Absolute path of the function's code directory. */
  codeUri: string;
  timeoutSeconds: number;
  memorySizeMb: number;
  environment: Record<string, string>;
  functionUrl?: { authType: 'NONE' | 'AWS_IAM'; invokeMode: InvokeMode };
  apiEvents: Array<{ path: string; method: string }>;
}

/** The `auth` an endpoint map entry's Function URL declares, from the template's AuthType. */
export const urlAuth = (fn: FunctionSpec) => (fn.functionUrl?.authType === 'AWS_IAM' ? { auth: 'aws_iam' as const } : {});
