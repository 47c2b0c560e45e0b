// The public API of informal: each folder's public names, from its index.ts, in pipeline order.
// tests/public-api.test.ts lists every name, so a change to this surface shows as a diff.
export * from './config/index.js';
export * from './contracts/index.js';
export * from './engine/index.js';
export * from './interpreters/index.js';
export * from './lang/index.js';
export * from './program/index.js';
export * from './report/index.js';
export * from './runner/index.js';
export * from './stats/index.js';
export * from './store/index.js';
export * from './verifiers/index.js';
