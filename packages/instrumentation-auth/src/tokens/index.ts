export { EXPRESS_JWT_MODULES, enableExpressJwt } from './express-jwt';
export { enableFastJwt, FAST_JWT_MODULES } from './fast-jwt';
export { enableFastifyJwt, FASTIFY_JWT_MODULES } from './fastify-jwt';
export { enableJose, JOSE_MODULES } from './jose';
export { enableJsonwebtoken } from './jsonwebtoken';
