// Types for the parts of fmin (benfred/fmin, BSD-3-Clause) this project uses; the package ships none.
declare module 'fmin' {
  /** The best point found, with its function value in `fx`. */
  export interface MinimizeResult {
    x: number[];
    fx: number;
  }
  /** Settings of the downhill simplex search. */
  export interface NelderMeadParameters {
    maxIterations?: number;
    nonZeroDelta?: number;
    zeroDelta?: number;
    minErrorDelta?: number;
    minTolerance?: number;
  }
  /** Minimises `f` from `x0` by the Nelder–Mead downhill simplex method. */
  export function nelderMead(
    f: (x: number[]) => number,
    x0: number[],
    parameters?: NelderMeadParameters,
  ): MinimizeResult;
}
