// A short-lived process: one security event, then nothing. Prints when its work ended (epoch ms), then ends by
// itself, or by process.exit() when given `exit`.
const { security } = require('@secotel/node');

security.sysCrash({ 'security.reason': 'bench' });
process.stdout.write(`${Date.now()}\n`);
if (process.argv[2] === 'exit') process.exit(0);
