// A short-lived process: one security event, then nothing. Prints when its work ended (epoch ms), then ends by
// itself; by process.exit() when given `exit`; given `inflight`, its work goes on for 300 ms after the event, so
// that the export (OTEL_BLRP_SCHEDULE_DELAY=50, set by exit.mjs) is under way when the work ends.
const { security } = require('@secotel/node');

security.sysCrash({ 'security.reason': 'bench' });
const mode = process.argv[2];
if (mode === 'inflight') {
  setTimeout(() => process.stdout.write(`${Date.now()}\n`), 300);
} else {
  process.stdout.write(`${Date.now()}\n`);
  if (mode === 'exit') process.exit(0);
}
