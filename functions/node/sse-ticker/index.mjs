// The SSE ticker of the original bug report: one frame per interval, each carrying its sequence
// number and the moment it was written, so the judge compares arrival with emission, not with a sleep.
// Query parameters override the schedule: ?count=3&interval=500; ?mode=content-type sets the
// content type directly instead of through the HTTP integration prelude, and ?mode=full-prelude
// spells out every prelude field (an empty cookie list too), which some emulators insist on.
import { setTimeout as sleep } from 'node:timers/promises';

const now = () => performance.timeOrigin + performance.now();

function intParam(value, fallback, max) {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 0 ? Math.min(parsed, max) : fallback;
}

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const query = event.queryStringParameters ?? {};
  const count = intParam(query.count, intParam(process.env.TICK_COUNT, 10, 1000), 1000);
  const intervalMs = intParam(query.interval, intParam(process.env.TICK_INTERVAL_MS, 1000, 60000), 60000);

  let stream = responseStream;
  if (query.mode === 'content-type') {
    responseStream.setContentType('text/event-stream');
  } else {
    stream = awslambda.HttpResponseStream.from(responseStream, {
      statusCode: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      ...(query.mode === 'full-prelude' ? { cookies: [] } : {}),
    });
  }

  const start = now();
  for (let seq = 0; seq < count; seq++) {
    // Absolute schedule so a late tick does not push every later one.
    const due = start + seq * intervalMs;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    stream.write(`id: ${seq}\ndata: ${JSON.stringify({ seq, emittedAt: now() })}\n\n`);
  }
  stream.end();
});
