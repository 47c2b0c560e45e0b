/** One part of a plan split `count` ways: `index` runs from 1 to `count`, as in `--shard 2/3`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}
