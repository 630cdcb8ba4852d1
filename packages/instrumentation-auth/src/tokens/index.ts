export { enableJose, JOSE_MODULES } from './jose';
export { enableJsonwebtoken } from './jsonwebtoken';
