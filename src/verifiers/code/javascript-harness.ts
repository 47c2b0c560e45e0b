/**
 * The program that runs generated JavaScript in the sandbox, as CommonJS source. It reads `solution.js` and
 * `tests.json` from its working directory, blocks the network in-process (in case no network namespace does),
 * runs the solution as a script (so its top-level functions are visible to the tests), then each test, and
 * writes one line per test, `<marker>{"index":…,"passed":…,"message":…}`, as soon as it is known, so that a
 * test that hangs does not lose the results before it.
 */
export const javascriptHarness = String.raw`'use strict';
const fs = require('node:fs');
const vm = require('node:vm');
const marker = process.argv[2];
const blocked = (what) =>
  function () {
    throw new Error('network access is blocked in the sandbox (' + what + ')');
  };
const net = require('node:net');
net.connect = net.createConnection = blocked('net.connect');
net.createServer = blocked('net.createServer');
net.Socket.prototype.connect = blocked('socket.connect');
net.Server.prototype.listen = blocked('server.listen');
const dgram = require('node:dgram');
dgram.createSocket = blocked('dgram.createSocket');
const dns = require('node:dns');
dns.lookup = dns.resolve = blocked('dns');
globalThis.fetch = () => Promise.reject(new Error('network access is blocked in the sandbox (fetch)'));
globalThis.WebSocket = blocked('WebSocket');

const report = (line) => fs.writeSync(1, marker + JSON.stringify(line) + '\n');
const describe = (error) => {
  if (error && error.code === 'ERR_ACCESS_DENIED') {
    return 'access to ' + (error.resource || 'that resource') + ' is blocked in the sandbox (' + error.permission + ')';
  }
  if (error instanceof Error) return (error.name && error.name !== 'Error' ? error.name + ': ' : '') + error.message;
  return 'threw ' + String(error);
};
const solution = fs.readFileSync('solution.js', 'utf8').replace(/^export\s+(default\s+)?/gm, '');
const tests = JSON.parse(fs.readFileSync('tests.json', 'utf8'));
globalThis.require = require;
globalThis.module = { exports: {} };
globalThis.exports = globalThis.module.exports;
globalThis.assert = require('node:assert');

async function main() {
  try {
    const result = vm.runInThisContext(solution, { filename: 'solution.js' });
    if (result && typeof result.then === 'function') await result;
  } catch (error) {
    report({ index: -1, passed: false, message: 'the code failed: ' + describe(error) });
    return;
  }
  for (let index = 0; index < tests.length; index++) {
    try {
      const result = vm.runInThisContext(tests[index], { filename: 'test-' + (index + 1) + '.js' });
      if (result && typeof result.then === 'function') await result;
      if (result === false) throw new Error('the test evaluated to false');
      report({ index, passed: true });
    } catch (error) {
      report({ index, passed: false, message: describe(error) });
    }
  }
}
main().then(
  () => process.exit(0),
  (error) => {
    report({ index: -1, passed: false, message: describe(error) });
    process.exit(0);
  },
);
`;
