// A streaming handler with no prelude. ?type=text/plain sets the content type; without it the runtime
// client's default applies.
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const type = event.queryStringParameters?.type;
  if (type) responseStream.setContentType(type);
  responseStream.write('plain streamed ');
  responseStream.write('body\n');
  responseStream.end();
});
