// Readiness probe: a target is ready when this answers "ready" through its front door. An HTTP
// request (a Function URL or API event) gets the HTTP form, status and headers in a prelude, which
// every streaming front door must understand (cookies spelled out: cargo-lambda 1.9.2 rejects a
// prelude without them, which the prelude cases judge, not readiness); a direct invoke gets bare bytes.
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const stream = event?.requestContext
    ? awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'content-type': 'text/plain' }, cookies: [] })
    : responseStream;
  if (!event?.requestContext) responseStream.setContentType('text/plain');
  stream.write('ready');
  stream.end();
});
