import type { IncomingHttpHeaders } from 'node:http';

const TEXTUAL = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;

/** The Function URL event, payload format 2.0, as Lambda hands it to the handler. */
export function buildUrlEvent(input: {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body?: Buffer;
  requestId: string;
  sourceIp: string;
  urlId: string;
}): Buffer {
  const parsed = new URL(input.url, 'http://function-url.local');
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = (Array.isArray(value) ? value.join('; ') : value).split(/;\s*/).filter(Boolean);
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const now = new Date();
  const hasBody = input.body !== undefined && input.body.length > 0;
  const textual = TEXTUAL.test(headers['content-type'] ?? '');
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: parsed.pathname,
    rawQueryString: parsed.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: input.urlId,
      domainName: headers.host ?? 'localhost',
      domainPrefix: input.urlId,
      http: {
        method: input.method,
        path: parsed.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId,
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(hasBody ? { body: textual ? input.body!.toString('utf8') : input.body!.toString('base64') } : {}),
    isBase64Encoded: hasBody && !textual,
  };
  return Buffer.from(JSON.stringify(event));
}
