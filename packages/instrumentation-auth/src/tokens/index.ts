export { EXPRESS_JWT_MODULES, enableExpressJwt } from './express-jwt';
export { enableJose, JOSE_MODULES } from './jose';
export { enableJsonwebtoken } from './jsonwebtoken';
