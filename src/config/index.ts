// The public names of src/config: informal.config.ts and how it is read.
export { defineConfig, type InformalConfig, type InterpreterConfig } from './informal-config.js';
export type { InterpreterPriceSetting } from './interpreter-price-setting.js';
export { type LoadConfigResult, loadConfig } from './load-config.js';
