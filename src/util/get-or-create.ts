/** The map's value for `key`, created with `create` and stored the first time it is asked for. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = create();
  map.set(key, value);
  return value;
}
