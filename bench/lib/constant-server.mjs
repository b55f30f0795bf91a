// The machine's floor for a rush: a bare node:http server that answers every request with the same small JSON
// (no framework, no session, no database). Run as its own process: `node constant-server.mjs <port>`.
import http from 'node:http';

const body = '{"status":"ok"}';
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 120_000;
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('listening'));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
