// Readiness probe: a target is ready when this answers through its front door.
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.setContentType('text/plain');
  responseStream.write('ready');
  responseStream.end();
});
