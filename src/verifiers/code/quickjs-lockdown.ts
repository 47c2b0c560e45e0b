/**
 * The global names whose original values every test sees, whatever the tested code binds to them: the core
 * constructors and namespaces a test is written with. (QuickJS lets a script redefine even `undefined` on the
 * global object, so the host cannot rely on the global object for them.) Names a solution might define for itself,
 * such as `escape` or `Iterator`, are left out.
 */
export const testBindings = [
  'Object',
  'Function',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  'Math',
  'JSON',
  'Reflect',
  'Promise',
  'RegExp',
  'Date',
  'Map',
  'Set',
  'Proxy',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'undefined',
  'NaN',
  'Infinity',
  'globalThis',
] as const;

/**
 * A statement block spliced into the prelude, after its own captures and its `assert`: it freezes the intrinsics
 * reachable from the global object (constructors, prototypes, namespaces, hidden prototypes such as the iterators';
 * not the methods themselves, whose behaviour cannot be changed), so that the tested code cannot change what a test
 * calls (`Array.prototype.includes`, `JSON.stringify`,
 * `Object.is`). It leaves `globalThis` itself open, so that the code can declare globals.
 *
 * Freezing alone breaks ordinary code through the "override mistake": `this.name = …` in an `Error` subclass, or
 * `Foo.prototype.constructor = Foo`, would fail because the inherited property is read-only. As in SES, the
 * properties such code assigns become accessors whose setter defines the property on the object assigned to.
 * Their getters are recorded in `overrideGetters` so that `describe` can read an error's inherited name.
 *
 * Uses the prelude's captured `apply`, `ownKeys`, `getPrototypeOf`, `defineProperty`, `getOwnPropertyDescriptor`,
 * `hasOwn` and `freeze`, and its parameter `intrinsicPaths` (the paths an earlier walk found, or undefined); leaves
 * `discoveredPaths` (the paths this walk found, as JSON) for the host to keep.
 */
export const quickjsLockdown = String.raw`
  const weakSetAdd = WeakSet.prototype.add;
  const weakSetHas = WeakSet.prototype.has;
  const TypeErrorConstructor = TypeError;
  // This part runs before the code, on pristine built-ins: plain method calls are safe here, and cheaper.
  const hidden = [
    () => function* () {},
    () => async function () {},
    () => async function* () {},
    () => (function* () {})(),
    () => (async function* () {})(),
    () => [][Symbol.iterator](),
    () => new Map()[Symbol.iterator](),
    () => new Set()[Symbol.iterator](),
    () => ''[Symbol.iterator](),
    () => 'a'.matchAll(/a/g),
    () => [].values().map((x) => x),
    () => Iterator.from({ next: () => ({ done: true }) }),
    () => (function () { return arguments; })(),
  ];
  // A path leads from a root (['g', global name] or ['h', index in hidden]) through steps: 0 for the prototype, a
  // string for a property, [name] for a well-known symbol's property.
  const follow = (path, hiddenRoots) => {
    let value = path[0] === 'g' ? getOwnPropertyDescriptor(globalThis, path[1]).value : hiddenRoots[path[1]];
    for (let i = 2; i < path.length; i++) {
      const step = path[i];
      if (step === 0) value = getPrototypeOf(value);
      else value = getOwnPropertyDescriptor(value, typeof step === 'string' ? step : Symbol[step[0]]).value;
    }
    return value;
  };
  const walk = () => {
    const seen = new Set();
    const found = [];
    const paths = [];
    let encodable = true;
    const pending = [];
    // Plain functions (methods, getters) are not visited: what they do cannot be changed, and they are most of the
    // intrinsics. Objects, constructors (functions with a prototype) and prototypes (Function.prototype is a
    // function) are, and they hold every method.
    const enqueue = (value, path, isPrototype) => {
      const visit =
        typeof value === 'object'
          ? value !== null
          : typeof value === 'function' && (isPrototype || hasOwn(value, 'prototype'));
      if (visit) pending.push([value, path]);
    };
    for (const name of ownKeys(globalThis)) enqueue(getOwnPropertyDescriptor(globalThis, name).value, ['g', name]);
    for (let i = 0; i < hidden.length; i++) {
      try {
        enqueue(getPrototypeOf(hidden[i]()), ['h', i]);
      } catch {}
    }
    for (let i = 0; i < pending.length; i++) {
      const [value, path] = pending[i];
      if (value === globalThis || seen.has(value)) continue;
      seen.add(value);
      found.push(value);
      paths.push(path);
      enqueue(getPrototypeOf(value), [...path, 0], true);
      for (const key of ownKeys(value)) {
        const descriptor = getOwnPropertyDescriptor(value, key);
        if (!('value' in descriptor)) continue;
        let step = key;
        if (typeof key === 'symbol') {
          const name = key.description.startsWith('Symbol.') ? key.description.slice(7) : '';
          if (Symbol[name] === key) step = [name];
          else encodable = false;
        }
        enqueue(descriptor.value, [...path, step]);
      }
    }
    return { found, paths: encodable ? JSON.stringify(paths) : undefined };
  };
  // The intrinsics are the same in every fresh context: the host keeps the paths the first walk found, and later
  // contexts follow them instead of walking again (a third of the prelude's time).
  let reachable;
  let discoveredPaths;
  if (typeof intrinsicPaths === 'string') {
    try {
      const hiddenRoots = [];
      for (let i = 0; i < hidden.length; i++) {
        try {
          hiddenRoots[i] = getPrototypeOf(hidden[i]());
        } catch {}
      }
      reachable = JSON.parse(intrinsicPaths).map((path) => follow(path, hiddenRoots));
    } catch {
      reachable = undefined;
    }
  }
  if (reachable === undefined) {
    const walked = walk();
    reachable = walked.found;
    discoveredPaths = walked.paths;
  }
  const overridden = ['constructor', 'name', 'message', 'toString', 'valueOf', 'toLocaleString', 'toJSON', 'hasOwnProperty'];
  const overrideGetters = new WeakSet();
  // The prototypes whose properties ordinary code assigns on its own objects: plain objects, errors, functions.
  const overrideTargets = [Object.prototype, Function.prototype, Error.prototype, TypeError.prototype,
    RangeError.prototype, SyntaxError.prototype, ReferenceError.prototype, EvalError.prototype, URIError.prototype,
    AggregateError.prototype, Array.prototype, Date.prototype];
  for (let i = 0; i < overrideTargets.length; i++) {
    const target = overrideTargets[i];
    for (let k = 0; k < overridden.length; k++) {
      const key = overridden[k];
      const descriptor = getOwnPropertyDescriptor(target, key);
      if (descriptor === undefined || !hasOwn(descriptor, 'value') || !descriptor.writable) continue;
      const original = descriptor.value;
      const get = { get [key]() { return original; } };
      const getter = getOwnPropertyDescriptor(get, key).get;
      const set = {
        set [key](value) {
          if (this === target) throw new TypeErrorConstructor("'" + key + "' of a built-in is read-only");
          defineProperty(this, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
        },
      };
      const setter = getOwnPropertyDescriptor(set, key).set;
      apply(weakSetAdd, overrideGetters, [getter]);
      freeze(getter);
      freeze(setter);
      defineProperty(target, key, {
        __proto__: null,
        get: getter,
        set: setter,
        enumerable: descriptor.enumerable,
        configurable: false,
      });
    }
  }
  for (const value of reachable) freeze(value);
  const isOverrideGetter = (getter) => apply(weakSetHas, overrideGetters, [getter]);
`;
