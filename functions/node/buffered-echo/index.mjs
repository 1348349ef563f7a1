// An ordinary (non-streaming) handler behind a BUFFERED Function URL: returns what it received.
// Function URLs send payload format 2.0; an API Gateway REST route (how `sam local start-api` serves
// it) sends 1.0, where the path below the function's own endpoint is the {proxy+} parameter.
function requestOf(event) {
  if (event.version === '2.0') return { method: event.requestContext?.http?.method, path: event.rawPath, query: event.rawQueryString };
  const query = new URLSearchParams(Object.entries(event.queryStringParameters ?? {})).toString();
  return { method: event.httpMethod, path: `/${event.pathParameters?.proxy ?? ''}`, query };
}

export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'x-lsc-fixture': 'buffered-echo' },
  body: JSON.stringify(requestOf(event)),
});
