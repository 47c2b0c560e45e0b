// The public names of src/cost: what interpreters' calls cost, from a catalogue, the config or the simulator.
export { costOfUsage } from './cost-of-usage.js';
export type { InterpreterPrice } from './interpreter-price.js';
export { type CatalogueEntry, catalogueEntry, priceCatalogue, priceCatalogueName } from './price-catalogue.js';
export { priceOfInterpreter } from './price-of-interpreter.js';
export {
  addTallies,
  emptyTally,
  type PriceOf,
  type SampleSpend,
  sampleNewCost,
  sampleSeconds,
  sampleSpend,
  type UsageTally,
} from './sample-spend.js';
