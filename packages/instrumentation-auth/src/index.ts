export { BETTER_AUTH_MODULES, enableBetterAuth } from './better-auth';
export { enableOpenidClient, OPENID_CLIENT_MODULES } from './oidc';
export { enablePassport } from './passport';
export { enableExpressSession } from './session';
export {
  EXPRESS_JWT_MODULES,
  enableExpressJwt,
  enableFastifyJwt,
  enableFastJwt,
  enableJose,
  enableJsonwebtoken,
  FAST_JWT_MODULES,
  FASTIFY_JWT_MODULES,
  JOSE_MODULES,
} from './tokens';
