// An OTLP/HTTP endpoint that accepts and discards log exports, so the benchmark measures the sender only.
import { createServer } from 'node:http';

let records = 0;
const server = createServer((request, response) => {
  let bytes = 0;
  request.on('data', (chunk) => {
    bytes += chunk.length;
  });
  request.on('end', () => {
    records += bytes > 0 ? 1 : 0;
    response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
