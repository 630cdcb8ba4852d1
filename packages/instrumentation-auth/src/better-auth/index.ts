export { BETTER_AUTH_MODULES, enableBetterAuth } from './better-auth';
