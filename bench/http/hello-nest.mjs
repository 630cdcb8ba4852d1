// The benchmarked application: NestJS 12 hello-world on its express adapter, with a global guard that lets
// every request through (so a guard runs on each, as in real Nest services), on a random loopback port.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class HelloController {
  hello() {
    return 'hello world';
  }
}
Object.defineProperty(
  HelloController.prototype,
  'hello',
  Reflect.decorate(
    [Get()],
    HelloController.prototype,
    'hello',
    Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'),
  ),
);
Reflect.decorate([Controller()], HelloController);
class AppModule {}
Reflect.decorate([Module({ controllers: [HelloController] })], AppModule);

const app = await NestFactory.create(AppModule, { logger: false });
app.useGlobalGuards({ canActivate: () => true });
await app.listen(0, '127.0.0.1');
console.log(`listening ${app.getHttpServer().address().port}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
