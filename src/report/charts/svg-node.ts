/**
 * A chart as data: an SVG element tree that the HTML report's page script and `informal view`'s client both draw, so
 * that the geometry is computed by one piece of code. Only the tags and attributes named here can appear, and text
 * (labels such as an interpreter's name, which come from a run) is only ever a text node: a drawer creates elements
 * with `createElementNS`, sets these attributes, and puts `text` in through `textContent`.
 */
export type SvgTag = 'svg' | 'g' | 'path' | 'line' | 'circle' | 'rect' | 'text' | 'title' | 'polyline';

/** The attributes a chart may set: presentation only, never a link, an event handler or a style sheet. */
export type SvgAttribute =
  | 'class'
  | 'viewBox'
  | 'width'
  | 'height'
  | 'role'
  | 'aria-label'
  | 'x'
  | 'y'
  | 'x1'
  | 'x2'
  | 'y1'
  | 'y2'
  | 'cx'
  | 'cy'
  | 'r'
  | 'd'
  | 'points'
  | 'fill'
  | 'stroke'
  | 'stroke-width'
  | 'stroke-dasharray'
  | 'opacity'
  | 'text-anchor'
  | 'dominant-baseline'
  | 'transform';

/** One element of a chart. */
export interface SvgNode {
  readonly tag: SvgTag;
  readonly attributes?: Readonly<Partial<Record<SvgAttribute, string | number>>>;
  /** Text content, set as a text node. */
  readonly text?: string;
  readonly children?: readonly SvgNode[];
}
