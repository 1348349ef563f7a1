// An ordinary (non-streaming) handler behind a BUFFERED Function URL: returns what it received.
export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'x-lsc-fixture': 'buffered-echo' },
  body: JSON.stringify({ method: event.requestContext?.http?.method, path: event.rawPath, query: event.rawQueryString }),
});
