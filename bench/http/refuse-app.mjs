// The benchmarked application for the refusal-heavy load: Express 5, whose only route answers 403 to every
// request, so secotel records one authz_fail per request. On a random loopback port.
import express from 'express';

const app = express();
app.get('/', (_req, res) => res.status(403).send('forbidden'));
const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
