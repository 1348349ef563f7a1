import { signedHeaders } from '../protocol/sigv4.ts';

/**
 * The endpoints a run must sign for (endpoint map entries with `auth: aws_iam`). Observers consult
 * it themselves, so every case that reaches such an endpoint signs without saying so, and an observer
 * that cannot sign (a browser) refuses instead of sending a request that could only be refused.
 */
const signedPrefixes = new Set<string>();

export function requireSigningFor(urlPrefix: string): void {
  signedPrefixes.add(urlPrefix);
}

export const needsSigning = (url: string) => [...signedPrefixes].some((prefix) => url.startsWith(prefix));

let unsignable = (reason: string): never => {
  throw new Error(reason);
};

/** What happens when an observer that cannot sign meets such an endpoint: the runner decides (a skip). */
export function whenUnsignable(handler: (reason: string) => void): void {
  unsignable = (reason) => {
    handler(reason);
    throw new Error(reason);
  };
}

/** Called by an observer that cannot sign before it sends anything. */
export function refuseIfSigned(observer: string, url: string): void {
  if (needsSigning(url)) unsignable(`${observer} cannot sign a request, and ${url} is an AWS_IAM endpoint`);
}

/** The headers to send: signed with SigV4 when the endpoint needs it, untouched otherwise. */
export async function headersFor(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<Record<string, string>> {
  if (!needsSigning(url)) return headers;
  return signedHeaders({ url, method, headers, ...(body !== undefined ? { body } : {}) });
}
