// An Express 5 application that starts, listens once on a loopback port and ends: start-up cost with a real app.
import express from 'express';

const app = express();
app.get('/', (_req, res) => res.send('hello world'));
const server = app.listen(0, '127.0.0.1', () => server.close());
