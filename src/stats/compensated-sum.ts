/**
 * A running sum with Neumaier's compensation: the rounding error of each addition is kept and added back,
 * so the result is as accurate as summing in twice the precision, whatever the order or count of terms
 * (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen"). Terms must be finite.
 */
export class CompensatedSum {
  #sum = 0;
  #compensation = 0;

  /** Adds a finite term. */
  add(term: number): void {
    const total = this.#sum + term;
    if (Math.abs(this.#sum) >= Math.abs(term)) this.#compensation += this.#sum - total + term;
    else this.#compensation += term - total + this.#sum;
    this.#sum = total;
  }

  /** The compensated sum of the terms added so far. */
  get value(): number {
    return this.#sum + this.#compensation;
  }
}
