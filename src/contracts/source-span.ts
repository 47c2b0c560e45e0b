/** A half-open range of character offsets, `[start, end)`, in one source file's text. */
export interface SourceSpan {
  /** Offset of the first character, counted from 0. */
  readonly start: number;
  /** Offset just past the last character. Equal to `start` for a point. */
  readonly end: number;
}
