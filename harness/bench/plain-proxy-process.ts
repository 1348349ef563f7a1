// The floor a streaming emulator is measured against: one plain Node proxy hop, piping each response
// through as it comes (argv[2] is the origin). A process of its own, like the emulator.
import http from 'node:http';

const origin = new URL(process.argv[2] ?? 'http://127.0.0.1:1/');
const server = http.createServer((request, response) => {
  const upstream = http.request(
    { host: origin.hostname, port: origin.port, path: request.url, method: request.method, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as { port: number }).port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
