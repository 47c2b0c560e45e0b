/**
 * JSON to place inside a `<script type="application/json">` element: `<`, `>` and `&` are written as `\u003c`,
 * `\u003e` and `\u0026`, so no text in the data can close the element or open a comment, and U+2028 and U+2029 as
 * escapes too. `JSON.parse` of the element's text gives the value back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for HTML element content or a quoted attribute value. */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
