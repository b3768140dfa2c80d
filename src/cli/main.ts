/** Entry point of the `keywarden` command (bin/keywarden.js, `npm start`). */
import { runCli } from './run-cli.ts';

// How long a finished command waits for open handles to close by themselves before exiting.
const EXIT_GRACE_MS = 2000;

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // A handle left open (a library's timer, a half-closed socket) must not keep a stopped
  // server alive; unref'd, this timer does not hold the process when nothing else does.
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
});
