/** A count with its noun, singular for one: `1 case`, `8 cases`. For nouns whose plural adds an `s`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
