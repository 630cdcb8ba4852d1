export { enablePassport } from './passport';
export { enableExpressSession } from './session';
export {
  EXPRESS_JWT_MODULES,
  enableExpressJwt,
  enableJose,
  enableJsonwebtoken,
  JOSE_MODULES,
} from './tokens';
