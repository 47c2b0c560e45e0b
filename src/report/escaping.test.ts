import { describe, expect, it } from 'vitest';
import { scriptJson } from './html/script-json.js';
import { markdownText } from './markdown-text.js';
import { oneLine } from './score-tree-lines.js';
import { xmlText } from './xml-text.js';

const hostile =
  '</script><!-- <img src=x onerror=alert(1)> & "q" \'a\' \u2028\u2029 | **b** `c` \u0000\u0007\u001b[31m \uD800 😀';

describe('text for reports', () => {
  it('scriptJson cannot close its element and parses back to the same value', () => {
    const text = scriptJson({ output: hostile });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ output: hostile });
  });

  it('xmlText escapes markup and replaces the characters XML forbids, keeping astral ones', () => {
    const text = xmlText(hostile);
    expect(text).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|apos;)/);
    for (const forbidden of ['\u0000', '\u0007', '\u001b', '\uD800']) expect(text).not.toContain(forbidden);
    expect(text).toContain('\uFFFD[31m');
    expect(text).toContain('😀');
  });

  it('markdownText leaves no markup, no table pipe and no line break', () => {
    const text = markdownText(`${hostile}\nnext | line`);
    expect(text).not.toMatch(/[<>\n]/);
    expect(text).not.toMatch(/(?<!\\)[|*`]/);
    expect(text).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
  });

  it('oneLine shows line breaks and control characters as escapes and leaves the rest', () => {
    expect(oneLine('a\nb\tc\u001b[31m "d"')).toBe('a\\nb\\tc\\u001b[31m "d"');
  });
});
