export { enableExpress } from './frameworks/express';
export { enableFastify } from './frameworks/fastify';
export { enableHapi } from './frameworks/hapi';
export { enableKoa, KOA_MODULES } from './frameworks/koa';
export { enableNestjs, NESTJS_MODULES } from './frameworks/nestjs';
export { enableHttpServer, type HttpServerOptions } from './http-server';
