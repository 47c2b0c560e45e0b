#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A run keeps little (each case's tally, not its samples) but allocates fast, and V8 would let the heap grow to about
// four times what it holds between full collections. Growing it by half keeps the process near what it holds, for
// some more collector work on V8's helper threads. A --heap-growing-percent given to node wins.
if (!process.execArgv.some((flag) => /^--heap[-_]growing[-_]percent/.test(flag))) {
  setFlagsFromString('--heap-growing-percent=50');
}
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));

// The command has ended and written its results (the store is closed before main returns). A handle a library left
// open (a file watch still being set up, a socket) must not keep the process running: once the output is flushed,
// exit, with a second's grace for what ends on its own. The timer does not itself keep the process alive.
const exitWhenFlushed = () => {
  if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) {
    setTimeout(exitWhenFlushed, 100).unref();
    return;
  }
  process.exit();
};
setTimeout(exitWhenFlushed, 1000).unref();
