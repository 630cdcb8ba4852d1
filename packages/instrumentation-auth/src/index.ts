export { enablePassport } from './passport';
export { enableExpressSession } from './session';
export { enableJose, enableJsonwebtoken, JOSE_MODULES } from './tokens';
