import { createHash, timingSafeEqual } from 'node:crypto';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The pair a machine without AWS credentials signs with. It opens nothing anywhere: a local emulator
 * only needs a signature it can check, and the reference emulator checks against the same pair.
 */
export const LOCAL_CREDENTIALS: SigningCredentials = {
  accessKeyId: 'AKIALSCLOCALEXAMPLE0',
  secretAccessKey: 'lsc-local-emulator-secret-not-an-aws-key',
};

/**
 * The AWS signer, loaded on the first signature: most cases sign nothing, and every Playwright
 * worker that imports an observer would otherwise load it as it starts (README, "Where the time goes").
 * A process that checks signatures while timing cases run loads it beforehand (`loadSigner`).
 */
let signerLoaded: Promise<Awaited<ReturnType<typeof importSigner>>> | undefined;
const smithy = () => (signerLoaded ??= importSigner());

async function importSigner() {
  const [{ Hash }, { HttpRequest }, { SignatureV4 }] = await Promise.all([
    import('@smithy/hash-node'),
    import('@smithy/protocol-http'),
    import('@smithy/signature-v4'),
  ]);
  return { sha256: Hash.bind(null, 'sha256'), HttpRequest, SignatureV4 };
}

export const loadSigner = async (): Promise<void> => void (await smithy());

let resolved: Promise<SigningCredentials> | undefined;

/**
 * The default provider chain (environment, profiles, SSO, …), else the local pair. The instance
 * metadata service is left out unless AWS_EC2_METADATA_DISABLED=false: a run talks to loopback only.
 * Every process of a run resolves the same chain, so observers and the reference emulator agree.
 */
export function signingCredentials(): Promise<SigningCredentials> {
  process.env.AWS_EC2_METADATA_DISABLED ??= 'true';
  resolved ??= import('@aws-sdk/credential-provider-node')
    .then(({ defaultProvider }) => defaultProvider()())
    .then(
      ({ accessKeyId, secretAccessKey, sessionToken }) => ({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }),
      () => LOCAL_CREDENTIALS,
    );
  return resolved;
}

export const signingRegion = () => process.env.LSC_AWS_REGION ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

export interface SignableRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

function httpRequest(
  HttpRequest: typeof import('@smithy/protocol-http').HttpRequest,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): InstanceType<typeof HttpRequest> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return new HttpRequest({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: decodeURIComponent(url.pathname),
    query,
    headers,
    body,
  });
}

/** The request's headers with a SigV4 signature (service `lambda` unless told), as an AWS client sends them. */
export async function signedHeaders(
  request: SignableRequest,
  options: { credentials?: SigningCredentials; region?: string; service?: string; date?: Date } = {},
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const { SignatureV4, sha256, HttpRequest } = await smithy();
  const signer = new SignatureV4({
    credentials: options.credentials ?? (await signingCredentials()),
    region: options.region ?? signingRegion(),
    service: options.service ?? 'lambda',
    sha256,
  });
  const headers = { ...request.headers, host: url.host };
  const signed = await signer.sign(httpRequest(HttpRequest, url, request.method, headers, request.body), {
    ...(options.date ? { signingDate: options.date } : {}),
  });
  return signed.headers;
}

/** Why Lambda refuses a request at an AWS_IAM Function URL: always a 403, with its message. */
export interface Refusal {
  status: 403;
  errorType: string;
  message: string;
}

/** How far a request's X-Amz-Date may be from the receiver's clock, as AWS allows. */
export const SIGNATURE_SKEW_MS = 5 * 60 * 1000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const refuse = (errorType: string, message: string): Refusal => ({ status: 403, errorType, message });

function amzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

/**
 * Checks a request's SigV4 signature the way Lambda checks one at an AWS_IAM Function URL: the key
 * must be the caller's, the date recent, the scope this region's `lambda`, and the signature must be
 * over this method, path, query, the signed headers and the body as received (the body is hashed
 * here, never taken from the request's own x-amz-content-sha256).
 */
export async function verifySigV4(
  request: { method: string; rawUrl: string; headers: Record<string, string | string[] | undefined>; body: Buffer },
  expected: { credentials: SigningCredentials; region: string; service?: string; now?: Date },
): Promise<Refusal | undefined> {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const authorization = header('authorization');
  if (!authorization) return refuse('AccessDeniedException', 'Forbidden');
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return refuse('IncompleteSignatureException', `Authorization header is not a SigV4 signature: ${authorization.slice(0, 80)}`);
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = match as unknown as string[];
  if (accessKeyId !== expected.credentials.accessKeyId)
    return refuse('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const date = amzDate(header('x-amz-date'));
  if (!date) return refuse('IncompleteSignatureException', 'X-Amz-Date is missing or malformed.');
  const now = expected.now ?? new Date();
  if (Math.abs(now.getTime() - date.getTime()) > SIGNATURE_SKEW_MS)
    return refuse('InvalidSignatureException', `Signature expired: ${header('x-amz-date')} is outside 5 minutes of the current time.`);
  const expectedService = expected.service ?? 'lambda';
  if (service !== expectedService || region !== expected.region || scopeDate !== header('x-amz-date')!.slice(0, 8))
    return refuse('InvalidSignatureException', `Credential should be scoped to ${expected.region}/${expectedService} for this date.`);
  const names = signedHeaderList!.split(';');
  if (!names.includes('host')) return refuse('InvalidSignatureException', 'The host header must be signed.');
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = header(name);
    if (value === undefined) return refuse('InvalidSignatureException', `Signed header ${name} is missing from the request.`);
    headers[name] = value;
  }
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const claimedHash = headers['x-amz-content-sha256'];
  if (claimedHash !== undefined && claimedHash !== 'UNSIGNED-PAYLOAD' && claimedHash !== bodyHash)
    return refuse('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match the body.');
  const url = new URL(request.rawUrl, `http://${headers.host}`);
  // applyChecksum off: the signer must not add (and so sign) a header the caller did not sign.
  const { SignatureV4, sha256, HttpRequest } = await smithy();
  const verifier = new SignatureV4({ credentials: expected.credentials, region, service, sha256, applyChecksum: false });
  const recomputed = await verifier.sign(
    httpRequest(
      HttpRequest,
      url,
      request.method,
      claimedHash === undefined ? headers : { ...headers, 'x-amz-content-sha256': claimedHash },
      request.body,
    ),
    { signingDate: date, signableHeaders: new Set(names) },
  );
  const ours = /Signature=([0-9a-f]{64})$/.exec(recomputed.headers.authorization ?? '')?.[1] ?? '';
  if (ours.length !== signature!.length || !timingSafeEqual(Buffer.from(ours), Buffer.from(signature!)))
    return refuse(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  return undefined;
}
