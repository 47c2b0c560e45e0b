// The child process of the Python sandbox: loads Pyodide once, then runs one execution after another, each from
// the same pristine interpreter (its WebAssembly memory is copied back after every execution). It is started by
// python-sandbox.ts with an empty environment, Node's permission model, no code generation from strings, in a
// process group (and, where Linux allows it, a network namespace) of its own, and it is killed from outside at the
// deadline. Its only channel is the IPC channel: the host sends a key first, then jobs; the child answers each job
// with its verdicts, signed with that key, so that bytes written on the channel by anything but this file's
// closures are refused.
// Arguments: the folder of the pyodide package, the WebAssembly memory limit in MB, the code's share of it in MB.
import childProcess from 'node:child_process';
import { createHmac } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pyodideFolder = '', memoryMbText = '256', codeMemoryMbText = memoryMbText] = process.argv.slice(2);
const memoryLimit = Number(memoryMbText) * 1024 * 1024;
/** The most output stdout and stderr may take together (it is counted, not kept: verdicts never come from it). */
const outputLimit = 256 * 1024;
/**
 * Memory grown past the pristine size by more than this makes the process exit after the execution. Below it, the
 * grown part is zeroed after every execution (WebAssembly memory never shrinks), which costs less than a new process.
 */
const growthBeforeRecycle = 128 * 1024 * 1024;

// The IPC channel's send stays in this closure; the process object loses it below. The first message is the key
// that signs every answer of this process: it lives only in this closure, before any code runs.
const send = process.send.bind(process);
let signingKey;
const keyReceived = new Promise((resolve) => {
  process.on('message', (message) => {
    if (signingKey === undefined && typeof message?.key === 'string') {
      signingKey = message.key;
      resolve();
    } else if (signingKey !== undefined) runJob(message);
  });
});

// Every WebAssembly memory in this process stops growing at the limit: Emscripten's sbrk then fails, and Python
// raises MemoryError instead of the process growing without bound.
const grow = WebAssembly.Memory.prototype.grow;
let memoryRefused = false;
Object.defineProperty(WebAssembly.Memory.prototype, 'grow', {
  value: function limitedGrow(pages) {
    if (this.buffer.byteLength + pages * 65_536 > memoryLimit) {
      memoryRefused = true;
      throw new RangeError('memory limit reached');
    }
    return grow.call(this, pages);
  },
  writable: false,
  configurable: false,
});

// Pyodide's NODEFS asks process.binding for the open flags; the permission model forbids process.binding.
process.binding = (name) => {
  if (name === 'constants') return { fs: fsConstants };
  throw new Error(`process.binding('${name}') is not available`);
};

// Emscripten's system() (Python's os.system) calls child_process.spawnSync. The permission model refuses it anyway;
// answering "command not found" instead keeps a refused command from crashing the interpreter and costing a new
// process.
for (const name of ['spawnSync', 'execSync', 'execFileSync']) {
  childProcess[name] = () => ({ pid: 0, output: [], stdout: null, stderr: null, status: 127, signal: null });
}
for (const name of ['spawn', 'exec', 'execFile', 'fork']) {
  childProcess[name] = () => {
    throw new Error('child processes are not available in the sandbox');
  };
}
Object.freeze(childProcess);

const { loadPyodide } = await import(pathToFileURL(join(pyodideFolder, 'pyodide.mjs')).href);

let outputBytes = 0;
/** Why the current execution must stop (output, time), read by the interrupt check. */
let stopReason;
let deadline = Number.POSITIVE_INFINITY;
let timeoutMs = 0;
/** Set when an execution ended in a JavaScript error (a trap, an exit): the interpreter's state is not trusted. */
let crashed = false;
const writer = {
  write(buffer) {
    outputBytes += buffer.length;
    if (outputBytes > outputLimit) stopReason ??= `printed more than ${outputLimit / 1024} KB`;
    return buffer.length;
  },
};

// Nothing of this process is visible as Python's `js` module.
const jsGlobals = Object.freeze(Object.create(null));
const pyodide = await loadPyodide({ jsglobals: jsGlobals, env: { HOME: '/home/pyodide' } });
pyodide.setStdout(writer);
pyodide.setStderr(writer);
// Pyodide reads index 0 at its periodic interrupt check; SIGINT (2) raises KeyboardInterrupt, again at every check
// until the execution ends, so catching it does not help the code. No second thread is needed to write it.
pyodide.setInterruptBuffer({
  get 0() {
    if (stopReason === undefined && Date.now() > deadline) stopReason = `timed out after ${timeoutMs} ms`;
    return stopReason === undefined ? 0 : 2;
  },
  set 0(_value) {},
});

// Hide the modules that reach JavaScript (js, pyodide_js, pyodide.ffi, ...): drop them from sys.modules, empty their
// namespaces and the import hook's cache of JavaScript objects, refuse to import them again, and take away the
// import machinery's way to make a built-in module anew (every safe built-in module is imported first). This is a
// first wall only: the JavaScript realm below is hardened as if Python could reach it anyway.
const prepare = pyodide.runPython(`
def _prepare():
    import sys, builtins, _imp
    hidden = frozenset(('js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core', 'pyodide_http', 'micropip',
                        'ctypes', '_ctypes', 'gc'))
    for name in sys.builtin_module_names:
        if name not in hidden and name not in sys.modules:
            try:
                __import__(name)
            except ImportError:
                pass

    def refuse(spec, *rest):
        raise ImportError(f"module {spec.name!r} is not available in the sandbox")

    _imp.create_builtin = refuse
    _imp.create_dynamic = refuse

    class Refuse:
        @classmethod
        def find_spec(cls, name, path=None, target=None):
            if name.split('.')[0] in ('js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core', 'pyodide_http',
                                      'micropip', 'ctypes', '_ctypes', 'gc'):
                raise ImportError(f"module {name!r} is not available in the sandbox")
            return None

    sys.meta_path[:] = [Refuse] + [f for f in sys.meta_path if 'JsFinder' not in type(f).__name__]

    def hide():
        for name in list(sys.modules):
            if name.split('.')[0] not in hidden:
                continue
            namespace = getattr(sys.modules.pop(name), '__dict__', None)
            if type(namespace) is not dict:
                continue
            for value in list(namespace.values()):
                if 'JsFinder' in type(value).__name__:
                    for field in getattr(value, '__dict__', {}).values():
                        if isinstance(field, dict):
                            field.clear()
            namespace.clear()

    def namespace():
        return {'__name__': '__main__', '__builtins__': builtins}

    return (hide, compile, exec, namespace, dict(builtins.__dict__).copy, sys.settrace, sys.setprofile,
            sys.monitoring.get_tool, sys.monitoring.clear_tool_id, sys.monitoring.free_tool_id)

_prepared = _prepare()
del _prepare
_prepared
`);
pyodide.runPython('del _prepared');
// C functions held from here: code that runs later can rebind the names, never change these objects.
const [hide, compile, exec, makeNamespace, pristineBuiltins, settrace, setprofile, getTool, clearTool, freeTool] =
  prepare.toJs({ depth: 1 });
prepare.destroy();
// Emptied last: runPython itself runs in one of these modules.
hide();
hide.destroy();

const Module = pyodide._module;
const FS = pyodide.FS;
// Only what the harness needs stays reachable from the public API object, in case Python reaches it.
for (const key of Object.getOwnPropertyNames(pyodide)) {
  try {
    delete pyodide[key];
  } catch {
    // A property the object does not let go of.
  }
}
// Pyodide's loader leaves a require() for fs, crypto, ws and child_process on the global object; the network
// clients go too (the network namespace, where there is one, is the wall beneath).
for (const name of ['require', 'fetch', 'WebSocket', 'EventSource']) delete globalThis[name];
// Strip the process object: no signals, bindings, addons, IPC, environment or exit from anything that reaches it.
const processPowers =
  'kill _kill binding _linkedBinding dlopen send disconnect abort chdir setuid setgid seteuid setegid setgroups initgroups _debugProcess _debugEnd _startProfilerIdleNotifier _stopProfilerIdleNotifier openStdin report';
for (const key of processPowers.split(' ')) {
  try {
    delete process[key];
  } catch {
    // Non-configurable: leave it.
  }
}
for (const key of Object.keys(process.env)) delete process.env[key];
// A stack trace hook could hand the receivers of sloppy frames to whoever sets it.
Object.defineProperty(Error, 'prepareStackTrace', { value: undefined, writable: false, configurable: false });

// Freeze the intrinsics this file's harness uses and anything reachable could patch (Array.prototype.push,
// JSON.stringify, Date.now, ...): code that got hold of a JavaScript object can then only change objects of its own.
// The Error constructors stay open (Pyodide sets Error.stackTraceLimit), their prototypes are frozen.
{
  const typedArray = Object.getPrototypeOf(Int8Array);
  const generator = Object.getPrototypeOf(function* () {});
  const asyncGenerator = Object.getPrototypeOf(async function* () {});
  const constructors = [
    Object,
    Function,
    Array,
    String,
    Number,
    Boolean,
    Symbol,
    BigInt,
    Promise,
    Map,
    Set,
    WeakMap,
    WeakSet,
    WeakRef,
    FinalizationRegistry,
    RegExp,
    Date,
    ArrayBuffer,
    SharedArrayBuffer,
    DataView,
    typedArray,
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
    TextEncoder,
    TextDecoder,
    URL,
    Buffer,
  ];
  const errors = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError];
  const namespaces = [Reflect, JSON, Math, Atomics, WebAssembly, Intl, console];
  const prototypes = [
    generator,
    generator.prototype,
    asyncGenerator,
    asyncGenerator.prototype,
    Object.getPrototypeOf(async () => {}),
    Object.getPrototypeOf([][Symbol.iterator]()),
    Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
    Object.getPrototypeOf(new Map()[Symbol.iterator]()),
    Object.getPrototypeOf(new Set()[Symbol.iterator]()),
    Object.getPrototypeOf(''[Symbol.iterator]()),
    ...errors.map((error) => error.prototype),
    ...Object.values(WebAssembly)
      .filter((value) => typeof value === 'function')
      .flatMap((value) => [value, value.prototype]),
  ];
  for (const value of [...constructors, ...constructors.map((intrinsic) => intrinsic.prototype), ...namespaces]) {
    Object.freeze(value);
  }
  for (const value of prototypes) Object.freeze(value);
}

/** The paths of the in-memory file system with what defines their content, to see whether an execution changed it. */
function fileSystemState() {
  const entries = [];
  const walk = (path) => {
    for (const name of FS.readdir(path)) {
      if (name === '.' || name === '..') continue;
      const child = path === '/' ? `/${name}` : `${path}/${name}`;
      if (child === '/proc' || scratchFolders.includes(child)) continue;
      const node = FS.lookupPath(child, { follow: false }).node;
      const stat = FS.lstat(child);
      // A folder's own time changes with entries added and removed again; its entries are compared one by one.
      const time = FS.isDir(stat.mode) ? '' : (stat.mtime?.valueOf?.() ?? '');
      entries.push(`${child}:${node.id}:${stat.mode}:${stat.size}:${time}`);
      if (FS.isDir(stat.mode)) walk(child);
    }
  };
  walk('/');
  return entries.join('\n');
}

/** Folders the code may write to freely: each execution finds them empty (a new in-memory file system each time). */
const scratchFolders = ['/tmp', '/home/pyodide'];
function emptyScratchFolders() {
  for (const folder of scratchFolders) {
    try {
      FS.unmount(folder);
    } catch {
      // Not mounted yet.
    }
    FS.mount(FS.filesystems.MEMFS, {}, folder);
  }
  FS.chdir('/home/pyodide');
}
emptyScratchFolders();

function openStreams() {
  return FS.streams.map((stream, fd) => (stream ? fd : -1)).filter((fd) => fd >= 0);
}

/** The Python exception's type and the last line of its traceback. */
function describe(error) {
  if (error?.type !== undefined && typeof error.message === 'string') {
    // The last line of the traceback; code that broke the traceback's formatting leaves the type alone.
    const last = error.message.trimEnd().split('\n').at(-1)?.trim();
    return { type: error.type, text: (last || String(error.type) || 'an exception').slice(0, 2000) };
  }
  return { type: undefined, text: String(error?.message ?? error).slice(0, 2000) };
}

/** Why the code stopped, from the exception it raised. */
function stopMessage(error, what) {
  const { type, text } = describe(error);
  if (stopReason !== undefined) return stopReason;
  if (type === 'MemoryError' || memoryRefused) return `ran out of memory (limit ${codeMemoryMbText} MB)`;
  if (type === undefined) {
    crashed = true;
    return `the interpreter stopped: ${text}`;
  }
  return `${what}: ${text}`;
}

/** Runs `source` in `namespace` with tracing and monitoring off, through C functions the code cannot change. */
function runIn(source, filename, namespace) {
  settrace(undefined);
  setprofile(undefined);
  for (let tool = 0; tool < 6; tool++) {
    if (getTool(tool) === undefined) continue;
    clearTool(tool);
    freeTool(tool);
  }
  const code = compile(source, filename, 'exec');
  try {
    exec(code, namespace);
  } finally {
    code.destroy();
  }
}

/** Runs one job: the code, then each test, and returns the outcome (in the contract's shape). */
function execute(code, tests, limitMs) {
  const verdicts = [];
  timeoutMs = limitMs;
  deadline = Date.now() + limitMs;
  const namespace = makeNamespace();
  try {
    try {
      runIn(code, 'solution.py', namespace);
    } catch (error) {
      return { kind: 'stopped', reason: stopMessage(error, 'the code raised'), verdicts };
    }
    for (const [index, test] of tests.entries()) {
      if (stopReason !== undefined) return { kind: 'stopped', reason: stopReason, verdicts };
      try {
        const builtins = pristineBuiltins();
        namespace.set('__builtins__', builtins);
        builtins.destroy();
        runIn(test, `test_${index + 1}.py`, namespace);
        if (stopReason !== undefined) return { kind: 'stopped', reason: stopReason, verdicts };
        verdicts.push({ index, passed: true });
      } catch (error) {
        if (stopReason !== undefined || memoryRefused || describe(error).type === undefined) {
          return { kind: 'stopped', reason: stopMessage(error, `test ${index + 1} raised`), verdicts };
        }
        const { text } = describe(error);
        verdicts.push({ index, passed: false, message: text });
      }
    }
    return { kind: 'finished', verdicts };
  } finally {
    namespace.destroy();
  }
}

// Warm up every path an execution takes (errors, output, interrupts) so that the JavaScript side creates the objects
// it caches before the pristine memory is taken; then take it.
for (const [code, tests, limitMs] of [
  ['def f(x):\n    print(x)\n    return x\n', ['assert f(1) == 1', 'assert f(1) == 2', 'raise ValueError()'], 5000],
  ['import sys\nprint("e", file=sys.stderr)\nraise KeyError(1)', [], 5000],
  ['def (', [], 5000],
  ['while True: pass', [], 1],
]) {
  execute(code, tests, limitMs);
  stopReason = undefined;
  outputBytes = 0;
}
deadline = Number.POSITIVE_INFINITY;
const pristineMemory = Module.HEAPU8.slice();
const pristineFiles = fileSystemState();
const pristineStreams = new Set(openStreams());

/** Copies the pristine memory back and closes what the execution left open; false when the process must go. */
function restore() {
  const heap = Module.HEAPU8;
  heap.set(pristineMemory);
  const grown = heap.length - pristineMemory.length;
  if (grown > 0) heap.fill(0, pristineMemory.length);
  for (const fd of openStreams()) {
    if (!pristineStreams.has(fd)) {
      try {
        FS.close(FS.streams[fd]);
      } catch {
        // Already closed.
      }
    }
  }
  emptyScratchFolders();
  return grown <= growthBeforeRecycle && fileSystemState() === pristineFiles;
}

function sign(message) {
  return createHmac('sha256', signingKey).update(JSON.stringify(message)).digest('hex');
}

let busy = false;
function runJob(job) {
  if (busy || typeof job !== 'object' || job === null || job.type !== 'run') return;
  busy = true;
  stopReason = undefined;
  outputBytes = 0;
  memoryRefused = false;
  let outcome;
  let healthy = false;
  try {
    outcome = execute(String(job.code), job.tests.map(String), Number(job.timeoutMs));
  } catch (error) {
    crashed = true;
    outcome = { kind: 'stopped', reason: `the interpreter stopped: ${describe(error).text}`, verdicts: [] };
  }
  deadline = Number.POSITIVE_INFINITY;
  try {
    healthy = restore() && !crashed;
  } catch {
    healthy = false;
  }
  const message = { type: 'result', id: job.id, outcome, recycle: !healthy };
  send({ ...message, signature: sign(message) });
  busy = false;
  // A process whose interpreter or file system the execution changed is not reused.
  if (!healthy) setImmediate(() => process.exit(0));
}

await keyReceived;
send({ type: 'ready' });
