// Streams ?bytes= bytes of a deterministic pattern in ?chunk=-sized writes, honouring backpressure.
// Every byte value occurs, and each chunk opens with a run of 16 NULs, so corruption cannot hide.
import { once } from 'node:events';

export function patternChunk(offset, length) {
  const chunk = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) {
    const position = offset + i;
    chunk[i] = position % 65536 < 16 ? 0 : (position * 31 + (position >>> 8)) & 0xff;
  }
  return chunk;
}

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const query = event.queryStringParameters ?? {};
  const total = Number.parseInt(query.bytes ?? String(25 * 1024 * 1024), 10);
  // Chunks are whole periods of the pattern so one block can be written again and again.
  const chunkSize = Math.max(1, Math.round(Number.parseInt(query.chunk ?? String(1024 * 1024), 10) / 65536)) * 65536;
  const stream = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 200,
    headers: { 'content-type': 'application/octet-stream' },
  });
  // One pattern block reused: the pattern repeats every 65536 bytes, and chunk sizes are multiples of it.
  const block = patternChunk(0, chunkSize);
  for (let offset = 0; offset < total; offset += chunkSize) {
    const piece = offset + chunkSize <= total ? block : block.subarray(0, total - offset);
    if (!stream.write(piece)) await once(stream, 'drain');
  }
  stream.end();
});
