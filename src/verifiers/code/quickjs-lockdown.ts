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
 * `hasOwn` and `freeze`.
 */
export const quickjsLockdown = String.raw`
  const weakSetAdd = WeakSet.prototype.add;
  const weakSetHas = WeakSet.prototype.has;
  const TypeErrorConstructor = TypeError;
  // This part runs before the code, on pristine built-ins: plain method calls are safe here, and cheaper.
  const seen = new Set();
  const reachable = [];
  const pending = [];
  // Plain functions (methods, getters) are not visited: what they do cannot be changed, and they are most of the
  // intrinsics. Objects and constructors (functions with a prototype) are, and they hold every method.
  const enqueue = (value) => {
    if (typeof value === 'object' ? value !== null : typeof value === 'function' && hasOwn(value, 'prototype')) {
      pending.push(value);
    }
  };
  for (const name of ownKeys(globalThis)) enqueue(getOwnPropertyDescriptor(globalThis, name).value);
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
  for (const make of hidden) {
    try {
      enqueue(getPrototypeOf(make()));
    } catch {}
  }
  for (let i = 0; i < pending.length; i++) {
    const value = pending[i];
    if (value === globalThis || seen.has(value)) continue;
    seen.add(value);
    reachable.push(value);
    enqueue(getPrototypeOf(value));
    for (const key of ownKeys(value)) {
      const descriptor = getOwnPropertyDescriptor(value, key);
      if ('value' in descriptor) enqueue(descriptor.value);
    }
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
