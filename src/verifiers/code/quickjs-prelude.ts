import { quickjsLockdown, testBindings } from './quickjs-lockdown.js';

/**
 * JavaScript evaluated in each fresh QuickJS context before the tested code. It evaluates to a function that the
 * host calls once with its output meter (`write(characters)`, a host function that never enters `globalThis`);
 * the function installs `console` and a frozen `assert` (which `quickjsAssertBinding` then makes a global const),
 * freezes the built-ins (see `quickjsLockdown`), and returns what the host keeps: `describe`, which turns a thrown
 * value into bounded text, and `runTest`, which evaluates a test with the original built-ins in scope.
 *
 * Everything here captures the intrinsics it uses before the tested code runs, calls methods through
 * `Reflect.apply`, and builds objects without a prototype, so code that patches `Object.is`, `Error`,
 * `Array.prototype` or `Object.prototype` cannot change what `assert` decides. (A comparison still reads the
 * tested values, so a getter or a proxy the code returns runs during it: that is the code's value speaking.)
 */
export const quickjsPrelude = String.raw`(function (write, intrinsicPaths) {
  'use strict';
  const { apply, ownKeys, getPrototypeOf } = Reflect;
  const { is, freeze, defineProperty, getOwnPropertyDescriptor, hasOwn } = Object;
  const isArray = Array.isArray;
  const ErrorConstructor = Error;
  const StringConstructor = String;
  const stringify = JSON.stringify;
  const slice = String.prototype.slice;
  const regexpExec = RegExp.prototype.exec;
  const dateTime = Date.prototype.getTime;
  const mapForEach = Map.prototype.forEach;
  const setForEach = Set.prototype.forEach;
  const mapSize = getOwnPropertyDescriptor(Map.prototype, 'size').get;
  const setSize = getOwnPropertyDescriptor(Set.prototype, 'size').get;
  const regexpSource = getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
  const regexpFlags = getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
  const FunctionConstructor = Function;
  const originalEval = eval;
  const MessageLimit = 500;

  const cut = (text) => (text.length > MessageLimit ? apply(slice, text, [0, MessageLimit]) + '…' : text);
  const ownData = (object, key) => {
    const descriptor = getOwnPropertyDescriptor(object, key);
    if (descriptor === undefined) return undefined;
    if (hasOwn(descriptor, 'value')) return descriptor.value;
    return isOverrideGetter(descriptor.get) ? apply(descriptor.get, object, []) : undefined;
  };
  const inherited = (object, key) => {
    for (let current = object, depth = 0; current !== null && depth < 32; current = getPrototypeOf(current), depth++) {
      const value = ownData(current, key);
      if (value !== undefined) return value;
    }
    return undefined;
  };

  /** A value as short text, for a failure message. */
  const show = (value) => {
    if (typeof value === 'string') return cut(stringify(value));
    if (typeof value === 'bigint') return StringConstructor(value) + 'n';
    if (typeof value !== 'object' && typeof value !== 'function') return StringConstructor(value);
    if (value === null) return 'null';
    if (typeof value === 'function') return '[function]';
    try {
      const text = stringify(value);
      if (typeof text === 'string') return cut(text);
    } catch {}
    return isArray(value) ? '[array]' : '[object]';
  };

  /** A thrown value as text: its own name and message, read without running its getters. */
  const describe = (error) => {
    try {
      if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return 'threw ' + show(error);
      const name = inherited(error, 'name');
      const message = inherited(error, 'message');
      if (typeof message !== 'string') return 'threw ' + show(error);
      const prefix = typeof name === 'string' && name !== '' && name !== 'Error' ? cut(name) + ': ' : '';
      return prefix + cut(message);
    } catch {
      return 'threw a value that could not be described';
    }
  };

  class AssertionError extends ErrorConstructor {}
  defineProperty(AssertionError.prototype, 'name', { __proto__: null, value: 'AssertionError' });
  const fail = (message, fallback) => {
    throw new AssertionError(typeof message === 'string' ? cut(message) : fallback);
  };

  const sameKeys = (a, b, strict, depth) => {
    const keysA = ownKeys(a);
    const keysB = ownKeys(b);
    let countA = 0;
    let countB = 0;
    for (let i = 0; i < keysB.length; i++) if (getOwnPropertyDescriptor(b, keysB[i]).enumerable) countB++;
    for (let i = 0; i < keysA.length; i++) {
      const key = keysA[i];
      if (!getOwnPropertyDescriptor(a, key).enumerable) continue;
      countA++;
      const other = getOwnPropertyDescriptor(b, key);
      if (other === undefined || !other.enumerable) return false;
      if (!equal(a[key], b[key], strict, depth + 1)) return false;
    }
    return countA === countB;
  };
  const entries = (collection, forEach) => {
    const list = { __proto__: null, length: 0 };
    apply(forEach, collection, [(value, key) => { list[list.length++] = { __proto__: null, key, value }; }]);
    return list;
  };
  const sameMembers = (a, b, strict, depth, isMap) => {
    const forEach = isMap ? mapForEach : setForEach;
    if (apply(isMap ? mapSize : setSize, a, []) !== apply(isMap ? mapSize : setSize, b, [])) return false;
    const left = entries(a, forEach);
    const right = entries(b, forEach);
    const used = { __proto__: null };
    for (let i = 0; i < left.length; i++) {
      let found = false;
      for (let j = 0; j < right.length && !found; j++) {
        if (used[j]) continue;
        const keysMatch = !isMap || equal(left[i].key, right[j].key, strict, depth + 1);
        if (keysMatch && equal(left[i].value, right[j].value, strict, depth + 1)) found = used[j] = true;
      }
      if (!found) return false;
    }
    return true;
  };
  const tag = (value) => {
    try { apply(mapSize, value, []); return 'map'; } catch {}
    try { apply(setSize, value, []); return 'set'; } catch {}
    try { apply(dateTime, value, []); return 'date'; } catch {}
    try { apply(regexpSource, value, []); return 'regexp'; } catch {}
    return isArray(value) ? 'array' : 'object';
  };
  /** Deep equality in the manner of node:assert: own enumerable keys, prototypes when strict. */
  const equal = (a, b, strict, depth) => {
    if (strict ? is(a, b) : a === b || (a == b && (typeof a !== 'object' || a === null)) || is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (depth > 200) fail(undefined, 'the values are nested too deeply to compare');
    if (strict && getPrototypeOf(a) !== getPrototypeOf(b)) return false;
    const kind = tag(a);
    if (kind !== tag(b)) return false;
    if (kind === 'date' && !is(apply(dateTime, a, []), apply(dateTime, b, []))) return false;
    if (kind === 'regexp') {
      if (apply(regexpSource, a, []) !== apply(regexpSource, b, [])) return false;
      if (apply(regexpFlags, a, []) !== apply(regexpFlags, b, [])) return false;
    }
    if ((kind === 'map' || kind === 'set') && !sameMembers(a, b, strict, depth, kind === 'map')) return false;
    return sameKeys(a, b, strict, depth);
  };
  const matches = (pattern, text) => apply(regexpExec, pattern, [text]) !== null;

  function assert(value, message) {
    if (!value) fail(message, 'the assertion failed: ' + show(value));
  }
  const methods = {
    __proto__: null,
    ok: assert,
    fail: (message) => fail(message, 'failed'),
    equal: (actual, expected, message) => {
      if (!(actual == expected || is(actual, expected))) fail(message, show(actual) + ' == ' + show(expected) + ' is false');
    },
    notEqual: (actual, expected, message) => {
      if (actual == expected || is(actual, expected)) fail(message, show(actual) + ' != ' + show(expected) + ' is false');
    },
    strictEqual: (actual, expected, message) => {
      if (!is(actual, expected)) fail(message, 'expected ' + show(expected) + ', got ' + show(actual));
    },
    notStrictEqual: (actual, expected, message) => {
      if (is(actual, expected)) fail(message, 'expected a value other than ' + show(expected));
    },
    deepEqual: (actual, expected, message) => {
      if (!equal(actual, expected, false, 0)) fail(message, 'expected ' + show(expected) + ', got ' + show(actual));
    },
    deepStrictEqual: (actual, expected, message) => {
      if (!equal(actual, expected, true, 0)) fail(message, 'expected ' + show(expected) + ', got ' + show(actual));
    },
    notDeepEqual: (actual, expected, message) => {
      if (equal(actual, expected, false, 0)) fail(message, 'expected a value other than ' + show(expected));
    },
    notDeepStrictEqual: (actual, expected, message) => {
      if (equal(actual, expected, true, 0)) fail(message, 'expected a value other than ' + show(expected));
    },
    throws: (block, expected, message) => {
      let threw = false;
      let error;
      try {
        block();
      } catch (caught) {
        threw = true;
        error = caught;
      }
      if (!threw) fail(typeof expected === 'string' ? expected : message, 'expected the function to throw');
      if (typeof expected === 'function' && !(error instanceof expected)) {
        fail(message, 'the function threw the wrong kind of error: ' + describe(error));
      }
      if (typeof expected === 'object' && expected !== null && tag(expected) === 'regexp') {
        if (!matches(expected, describe(error))) fail(message, 'the error does not match: ' + describe(error));
      }
    },
    doesNotThrow: (block, message) => {
      try {
        block();
      } catch (error) {
        fail(message, 'the function threw: ' + describe(error));
      }
    },
    match: (text, pattern, message) => {
      if (typeof text !== 'string' || !matches(pattern, text)) fail(message, show(text) + ' does not match');
    },
    doesNotMatch: (text, pattern, message) => {
      if (typeof text !== 'string' || matches(pattern, text)) fail(message, show(text) + ' matches');
    },
  };
  const names = ownKeys(methods);
  for (let i = 0; i < names.length; i++) {
    defineProperty(assert, names[i], { __proto__: null, value: methods[names[i]], enumerable: true });
  }
  defineProperty(assert, 'strict', { __proto__: null, value: assert, enumerable: true });
  defineProperty(assert, 'AssertionError', { __proto__: null, value: AssertionError, enumerable: true });
  freeze(assert);
  // Handed over through a configurable property for one host script, which binds it as a global const: QuickJS
  // lets a script redefine even a non-configurable property of the global object, but not a global const.
  defineProperty(globalThis, 'assert', { __proto__: null, value: assert, configurable: true });

  /** The console counts what it prints, without converting objects (which would run the code's methods). */
  const print = (...values) => {
    let characters = 1;
    for (let i = 0; i < values.length; i++) {
      characters += typeof values[i] === 'string' ? values[i].length + 1 : 16;
    }
    // Past the limit, the host's interrupt (which nothing can catch) ends this spin at once.
    if (write(characters)) for (;;) {}
  };
  const console = { __proto__: null, log: print, info: print, warn: print, error: print, debug: print, trace: print };
  defineProperty(globalThis, 'console', { __proto__: null, value: freeze(console), writable: true, configurable: true });

  /**
   * Runs a test by direct eval in a sloppy function whose parameters hold the original built-ins (and the
   * original eval, so that the eval is direct): the test sees the code's globals, but not its rebinding of these.
   */
  const bindingNames = ${JSON.stringify([...testBindings, 'eval'])};
  const testArguments = [];
  for (let i = 0; i < bindingNames.length; i++) {
    testArguments[i] = bindingNames[i] === 'eval' ? originalEval : globalThis[bindingNames[i]];
  }
  const testRunner = FunctionConstructor(...bindingNames, 'informalTestSource', 'return eval(informalTestSource);');
  const runTest = (source) => {
    testArguments[bindingNames.length] = source;
    return apply(testRunner, undefined, testArguments);
  };
${quickjsLockdown}
  return freeze({ __proto__: null, describe, runTest, intrinsicPaths: discoveredPaths });
})`;

/** Run right after the prelude: `assert` becomes a global const, which no later script can redeclare or assign. */
export const quickjsAssertBinding = 'const assert = globalThis.assert;\ndelete globalThis.assert;\n';
