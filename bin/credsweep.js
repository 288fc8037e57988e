#!/usr/bin/env node
// A crash must never look like "findings" (exit 1): anything unexpected is exit 2.
process.on('uncaughtException', (e) => {
  process.stderr.write(`credsweep: internal error: ${e && e.message}\n`);
  process.exit(2);
});
import('../dist/cli.js')
  .then(({ main }) => main(process.argv))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e) => {
    process.stderr.write(`credsweep: internal error: ${e && e.message}\n`);
    process.exitCode = 2;
  });
