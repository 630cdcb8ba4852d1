export { enableOpenidClient, OPENID_CLIENT_MODULES } from './openid-client';
