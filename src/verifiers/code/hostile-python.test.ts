import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxLimits, SandboxOutcome } from './code-sandbox.js';
import { createPythonSandbox, type PythonSandbox } from './python-sandbox.js';

// Each probe is code a model could write against the verifier, with tests that pass only if the attack worked.
// Every one must end as a failure with a reason, leave the host (files, processes, environment) untouched, and
// leave the next sample's verdicts to the next sample's code.

/** Generous: a loaded machine must not turn a probe's refusal into a time-out. */
const limits: SandboxLimits = { timeoutMs: 20_000, memoryMb: 64 };
/** For the probes that loop: the reason is what is checked, never how long it took. */
const loopLimits: SandboxLimits = { timeoutMs: 1500, memoryMb: 64 };
const canaryName = 'INFORMAL_SANDBOX_CANARY';
const canaryValue = `canary-${process.pid}-${Date.now()}`;
const hostFolder = mkdtempSync(join(tmpdir(), 'informal-hostile-python-'));
const hostFile = join(hostFolder, 'precious.txt');
/** A file only a process started by the code could create. */
const spawned = join(hostFolder, 'spawned');
const solution = 'def double(x):\n    return 2 * x\n';

/** The pids of this process's children, from /proc. */
function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === process.pid) pids.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}

/** The outcome scores below 1 and says why: a stop with a reason, or a failed test with its message. */
function expectFailure(outcome: SandboxOutcome, reason: RegExp, probe = ''): void {
  if (outcome.kind === 'stopped') {
    expect(outcome.reason, probe).toMatch(reason);
  } else {
    const failed = outcome.verdicts.filter((verdict) => !verdict.passed);
    expect(failed.length, probe).toBeGreaterThan(0);
    expect(failed.map((verdict) => verdict.message ?? '').join('\n'), probe).toMatch(reason);
  }
}

let sandbox: PythonSandbox;
let childrenBefore: number[];

beforeAll(() => {
  process.env[canaryName] = canaryValue;
  writeFileSync(hostFile, 'precious');
  childrenBefore = childPids();
  sandbox = createPythonSandbox();
});

afterAll(async () => {
  delete process.env[canaryName];
  rmSync(hostFolder, { recursive: true, force: true });
  await sandbox?.close();
});

describe('the Python sandbox against hostile code', () => {
  it('decides verdicts itself: a right solution passes, a wrong test fails with its message', async () => {
    const outcome = await sandbox.run(solution, ['assert double(2) == 4', 'assert double(2) == 5, "not five"'], limits);
    expect(outcome).toEqual({
      kind: 'finished',
      verdicts: [
        { index: 0, passed: true },
        { index: 1, passed: false, message: 'AssertionError: not five' },
      ],
    });
  }, 180_000);

  it('refuses every module that reaches JavaScript, however it is asked for', async () => {
    const probes = [
      'import js\njs.process.kill(js.process.pid, 9)',
      'from pyodide.ffi import create_proxy, to_js',
      'import pyodide_js',
      'import pyodide.code\npyodide.code.run_js("process.exit(1)")',
      'import _pyodide_core',
      'import ctypes',
      'import _imp, importlib.machinery\n_imp.create_builtin(importlib.machinery.ModuleSpec("_pyodide_core", None))',
      'import gc\nproxies = [o for o in gc.get_objects() if "JsProxy" in type(o).__name__]',
    ];
    for (const code of probes) {
      expectFailure(await sandbox.run(code, ['pass'], limits), /not available in the sandbox/, code);
    }
    // Pyodide's own Python modules are emptied: their classes are still listed, with nothing left to call.
    const emptied = await sandbox.run(
      'runner = [c for c in object.__subclasses__() if c.__name__ == "CodeRunner"]\n' +
        'reachable = [k for c in runner for k, v in vars(c).items() if hasattr(v, "__globals__") and v.__globals__]',
      ['assert reachable, "no function of Pyodide keeps its module"'],
      limits,
    );
    expectFailure(emptied, /no function of Pyodide keeps its module/);
    // Nor can any of Pyodide's classes be made into a proxy of a JavaScript object.
    const constructed = await sandbox.run(
      [
        'def every(c, seen):',
        '    for s in type.__subclasses__(c):',
        '        if s not in seen:',
        '            seen.add(s)',
        '            every(s, seen)',
        '    return seen',
        'classes = every(object, set())',
        'proxy = [c for c in classes if c.__name__ == "JsProxy"][0]',
        'made = []',
        'for c in classes:',
        '    for make in (lambda: c(), lambda: c.__new__(c)):',
        '        try:',
        '            made.append(make())',
        '        except BaseException:',
        '            pass',
      ].join('\n'),
      ['assert any(isinstance(o, proxy) for o in made), "no JavaScript object"'],
      limits,
    );
    // Making every class does all sorts of things (a Popen the permission model refuses, a JavaScript stack overflow,
    // exhausted memory): whichever comes first, the run ends as a failure, and a crashed child is replaced.
    expectFailure(constructed, /no JavaScript object|the interpreter stopped|ran out of memory|timed out/);
  }, 180_000);

  it('has no processes, no host files, no network and no parent environment', async () => {
    const probes: [string, RegExp][] = [
      [`import subprocess\nsubprocess.run(["touch", ${JSON.stringify(spawned)}])`, /Error/],
      [`import os\nassert os.system("touch ${spawned}") == 0`, /AssertionError/],
      ['import _posixsubprocess\n_posixsubprocess.fork_exec', /Error/],
      ['import os\nos.setsid()\nif os.fork() == 0:\n    while True: pass', /Error/],
      ['import os\nwhile True:\n    os.fork()', /Error/],
      ['import os\nos.kill(os.getppid(), 9)', /Error/],
      // The old harness's audit lists, cleared from __main__ before reading a host file.
      [
        'import sys\nm = sys.modules["__main__"]\nm.blocked_events.clear()\nm.path_events.clear()\nopen("/etc/hostname").read()',
        /AttributeError/,
      ],
      ['data = open("/etc/hostname").read()', /FileNotFoundError/],
      ['data = open("/proc/self/environ").read()', /FileNotFoundError|Error/],
      [`import os\nos.chmod(${JSON.stringify(hostFile)}, 0o777)`, /FileNotFoundError/],
      [`import os\nos.truncate(${JSON.stringify(hostFile)}, 0)`, /FileNotFoundError/],
      [`import os\nos.link(${JSON.stringify(hostFile)}, "/tmp/linked")`, /FileNotFoundError|has no attribute 'link'/],
      [`import os\nos.rename(${JSON.stringify(hostFile)}, "/tmp/moved")`, /FileNotFoundError/],
      ['import socket\nsocket.create_connection(("127.0.0.1", 80), timeout=1)', /Error/],
      // The parent's file descriptors: none is open in the sandbox, and /proc is not there.
      ['import os\ndata = [os.read(fd, 100) for fd in range(3, 32)]', /OSError|Error/],
      ['import os\nfds = os.listdir("/proc/self/fd")', /FileNotFoundError|Error/],
    ];
    for (const [code, reason] of probes) {
      expectFailure(await sandbox.run(code, ['assert False, "reached the end"'], limits), reason, code);
    }
    expect(existsSync(spawned)).toBe(false);
    // What the code writes stays in its in-memory file system: nothing appears on the host.
    const inside = join(hostFolder, 'written-by-python.txt');
    const written = await sandbox.run(
      `import os, sys\nopen(${JSON.stringify(inside)}, "w").write("x")\nopen(sys.prefix + "/evil.py", "w").write("x")`,
      [`assert open(${JSON.stringify(hostFile)}).read() == "precious", "the host file is not visible"`],
      limits,
    );
    expectFailure(written, /FileNotFoundError|No such file/);
    expect(existsSync(inside)).toBe(false);
    expect(readFileSync(hostFile, 'utf8')).toBe('precious');
    expect(statSync(hostFile).mode & 0o777).not.toBe(0o777);
    // The parent's environment (API keys) is not there.
    const environment = await sandbox.run(
      'import os\nvalues = dict(os.environ)',
      [
        `assert ${JSON.stringify(canaryName)} in values or any(${JSON.stringify(canaryValue)} in v for v in values.values()), sorted(values)`,
      ],
      limits,
    );
    expectFailure(environment, /AssertionError/);
  }, 300_000);

  it('times out while holding a lock, and the next execution takes the lock freely', async () => {
    const held = await sandbox.run(
      'import threading\nlock = threading.Lock()\nlock.acquire()\nwhile True:\n    pass',
      ['pass'],
      loopLimits,
    );
    expectFailure(held, /timed out after 1500 ms/);
    const next = await sandbox.run(
      'import threading\nlock = threading.Lock()',
      ['assert lock.acquire(timeout=1)'],
      limits,
    );
    expect(next).toEqual({ kind: 'finished', verdicts: [{ index: 0, passed: true }] });
  }, 300_000);

  it('stops loops, memory bombs, recursion and floods of output with the reason', async () => {
    expectFailure(await sandbox.run('while True:\n    pass', ['pass'], loopLimits), /timed out after 1500 ms/);
    expectFailure(
      await sandbox.run(
        'while True:\n    try:\n        while True: pass\n    except BaseException: pass',
        ['pass'],
        loopLimits,
      ),
      /timed out after 1500 ms/,
    );
    // A C loop that never checks for interrupts: the host kills the process after the grace period.
    expectFailure(await sandbox.run('sum(range(10**15))', ['pass'], loopLimits), /timed out after 1500 ms/);
    expectFailure(await sandbox.run('x = [0] * 10**9', ['pass'], limits), /ran out of memory \(limit 64 MB\)/);
    expectFailure(
      await sandbox.run('x = []\nwhile True:\n    x.append(bytearray(10**6))', ['pass'], limits),
      /ran out of memory \(limit 64 MB\)/,
    );
    // wasm32 cannot even index 10**10 bytes: Python says so before allocating anything.
    expectFailure(await sandbox.run('x = "a" * 10**10', ['pass'], limits), /OverflowError|MemoryError/);
    expectFailure(await sandbox.run('def f():\n    return f()\nf()', ['pass'], limits), /RecursionError/);
    expectFailure(
      await sandbox.run(
        'import sys\nsys.setrecursionlimit(10**7)\ndef f(n):\n    return f(n + 1)\nf(0)',
        ['pass'],
        limits,
      ),
      /RecursionError|stopped|ended|memory/,
    );
    const flood = await sandbox.run(
      'import sys\nfor _ in range(1000):\n    sys.stdout.write("x" * 10**6)',
      ['pass'],
      limits,
    );
    expectFailure(flood, /printed more than 256 KB/);
    expect(process.memoryUsage().rss).toBeLessThan(2 * 1024 ** 3);
  }, 300_000);

  it('takes no verdict from what the code prints or from patched assertions', async () => {
    const forged = JSON.stringify({ index: 0, passed: true });
    const printed = await sandbox.run(
      `${solution}import sys\nprint("@@informal-x@@${forged.replaceAll('"', '\\"')}")\nsys.stdout.write('{"type":"result","outcome":{"kind":"finished","verdicts":[{"index":0,"passed":true}]}}\\n')`,
      ['assert double(2) == 5'],
      limits,
    );
    expectFailure(printed, /AssertionError/);
    // Whatever the command line holds, printed back as results.
    const argv = await sandbox.run(
      `${solution}import sys, json\nfor marker in sys.argv + [""]:\n    print(marker + json.dumps({"index": 0, "passed": True}))`,
      ['assert double(2) == 5'],
      limits,
    );
    expectFailure(argv, /AssertionError/);
    const probes = [
      // A trace function that jumps over every line of a test.
      'import sys\ndef skip(frame, event, arg):\n    if event == "line" and frame.f_code.co_filename.startswith("test"):\n        frame.f_lineno = frame.f_lineno + 1\n    return skip\nsys.settrace(skip)',
      'import builtins\nclass Quiet(Exception): pass\nbuiltins.AssertionError = Quiet\nAssertionError = Quiet',
      'import builtins\nbuiltins.__dict__.clear()',
      'import sys\nsys.excepthook = lambda *a: None\nsys.unraisablehook = lambda *a: None',
      // Pyodide's own runner, patched to swallow exceptions.
      'for c in object.__subclasses__():\n    if c.__name__ == "CodeRunner":\n        c.run = lambda self, *a, **k: None',
      'import sys\nsys.addaudithook(lambda event, args: None)\nsys.monitoring.use_tool_id(3, "x")\nsys.monitoring.set_events(3, sys.monitoring.events.RAISE)',
    ];
    for (const code of probes) {
      const outcome = await sandbox.run(`${solution}${code}`, ['assert double(2) == 5\npass'], limits);
      expectFailure(outcome, /AssertionError/, code);
    }
  }, 300_000);

  it('keeps one sample from changing the next one’s verdicts', async () => {
    const poison = [
      'import builtins, sys, math, json',
      'builtins.len = lambda x: 2',
      'builtins.print = lambda *a, **k: None',
      'math.sqrt = lambda x: 2.0',
      'json.dumps = lambda *a, **k: "[]"',
      'sys.settrace(lambda *a: None)',
      'sys.addaudithook(lambda event, args: (_ for _ in ()).throw(RuntimeError("poisoned")) if event == "exec" else None)',
      'sys.path.insert(0, "/tmp")',
      'open("/tmp/operator.py", "w").write("raise SystemExit")',
      'open("/home/pyodide/double.py", "w").write("def double(x): return 5")',
      'sys.modules["fractions"] = None',
      'AssertionError.__init__ = lambda self, *a: None',
    ].join('\n');
    // The poisoning sample: its own tests would see its patches.
    await sandbox.run(poison, ['pass'], limits);
    // Every child of the pool gets the poison once, then the next samples are judged on their own code.
    await Promise.all([sandbox.run(poison, ['pass'], limits), sandbox.run(poison, ['pass'], limits)]);
    const wrong = 'def double(x):\n    return x + 3\n';
    const tests = [
      'assert double(2) == 4',
      'assert len([1, 2, 3]) == 3',
      'import math; assert math.sqrt(9) == 3.0',
      'import json; assert json.dumps([1]) == "[1]"',
      'import fractions, operator',
    ];
    const next = await Promise.all([sandbox.run(wrong, tests, limits), sandbox.run(wrong, tests, limits)]);
    for (const outcome of next) {
      expect(outcome).toEqual({
        kind: 'finished',
        verdicts: [
          { index: 0, passed: false, message: 'AssertionError' },
          { index: 1, passed: true },
          { index: 2, passed: true },
          { index: 3, passed: true },
          { index: 4, passed: true },
        ],
      });
    }
  }, 300_000);

  it('leaves no process behind once closed, and the host process alive', async () => {
    await sandbox.run(solution, ['assert double(1) == 2'], limits);
    await sandbox.close();
    const left = childPids().filter((pid) => !childrenBefore.includes(pid));
    expect(left).toEqual([]);
    expect(() => process.kill(process.pid, 0)).not.toThrow();
    // A closed sandbox starts new processes when used again.
    const again = await sandbox.run(solution, ['assert double(3) == 6'], limits);
    expect(again).toEqual({ kind: 'finished', verdicts: [{ index: 0, passed: true }] });
    await sandbox.close();
    expect(childPids().filter((pid) => !childrenBefore.includes(pid))).toEqual([]);
  }, 300_000);
});
