// The benchmarked application: hapi 21 hello-world, on a random loopback port.
import Hapi from '@hapi/hapi';

const server = Hapi.server({ port: 0, host: '127.0.0.1' });
server.route({ method: 'GET', path: '/', handler: () => 'hello world' });
await server.start();
console.log(`listening ${server.info.port}`);
process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
