/**
 * The entry users load before their application: `node --import @secotel/node/register app.mjs` (ESM) or
 * `node --require @secotel/node/register app.js` (CommonJS).
 */
import { threadKind } from '@secotel/sdk/thread-kind';

// Node runs --require preloads again in its own module-loader thread (the off-thread hooks of `node -e`): secotel
// belongs to the application's threads only, and nothing of it is loaded there. An application's worker threads
// start it as the main thread does.
if (threadKind() !== 'internal') (require('./start') as typeof import('./start')).register();
