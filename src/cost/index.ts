// The public names of src/cost: what interpreters' calls cost, from a catalogue, the config or the simulator.
export { costOfUsage, type PricedUsage } from './cost-of-usage.js';
export type { InterpreterPrice } from './interpreter-price.js';
export { type CatalogueEntry, catalogueEntry, priceCatalogue, priceCatalogueName } from './price-catalogue.js';
export { priceOfInterpreter } from './price-of-interpreter.js';
