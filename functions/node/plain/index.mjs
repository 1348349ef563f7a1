// A streaming handler with no prelude. ?type=text/plain sets the content type; without it the runtime
// client's default applies. ?hold=MS keeps the invocation in flight that long before the first write,
// so invokes sent together are sure to overlap rather than race (CONCURRENCY-002).
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const type = event.queryStringParameters?.type;
  const hold = Math.min(Number(event.queryStringParameters?.hold ?? 0) || 0, 5000);
  if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
  if (type) responseStream.setContentType(type);
  responseStream.write('plain streamed ');
  responseStream.write('body\n');
  responseStream.end();
});
