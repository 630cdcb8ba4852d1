// The benchmarked application: Express 5 hello-world, on a random loopback port.
import express from 'express';

const app = express();
app.get('/', (_req, res) => res.send('hello world'));
const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
