/**
 * The HTTP integration prelude (SPEC.md §2): `<JSON metadata><8 × 0x00><body…>`. Runtimes give no
 * chunk fidelity, so the delimiter may arrive split across chunks, or together with body bytes.
 */
export const INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

export interface PreludeMetadata {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
}

export type SplitResult = { done: false } | { done: true; metadata: Buffer; rest: Buffer };

/** Accumulates bytes until the first 8-NUL delimiter; JSON cannot contain a raw NUL, so the first one is it. */
export class PreludeSplitter {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMetadataBytes = 64 * 1024) {}

  get bufferedBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): SplitResult {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const at = this.pending.indexOf(DELIMITER);
    if (at >= 0) {
      return { done: true, metadata: this.pending.subarray(0, at), rest: this.pending.subarray(at + DELIMITER.length) };
    }
    if (this.pending.length > this.maxMetadataBytes + DELIMITER.length) {
      throw new PreludeError(`no prelude delimiter within the first ${this.maxMetadataBytes} bytes`);
    }
    return { done: false };
  }
}

export class PreludeError extends Error {
  override name = 'PreludeError';
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Rust's http_serde may emit arrays for multi-valued headers (SPEC RS-PRELUDE-08): accept, join.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return undefined;
}

/** Parses prelude JSON with Function URL defaults: missing statusCode is 200 (SPEC §10.6). */
export function parsePreludeMetadata(bytes: Buffer): PreludeMetadata {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PreludeError(`prelude is not valid JSON: ${JSON.stringify(bytes.subarray(0, 80).toString('utf8'))}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new PreludeError('prelude is not a JSON object');
  const raw = json as Record<string, unknown>;
  const statusCode = raw.statusCode === undefined ? 200 : Number(raw.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new PreludeError(`prelude statusCode ${JSON.stringify(raw.statusCode)} is not an HTTP status`);
  }
  const headers: Record<string, string> = {};
  for (const source of [raw.multiValueHeaders, raw.headers]) {
    if (!source || typeof source !== 'object') continue;
    for (const [name, value] of Object.entries(source)) {
      const text = headerValue(value);
      if (text !== undefined) headers[name.toLowerCase()] = text;
    }
  }
  const cookies = Array.isArray(raw.cookies) ? raw.cookies.filter((c): c is string => typeof c === 'string') : [];
  return { statusCode, headers, cookies };
}
