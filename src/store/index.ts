// The public names of src/store: the SQLite store, its export and merge.
export { defaultStorePath, SqliteStore } from './sqlite-store.js';
export { StoreReader } from './store-reader.js';
