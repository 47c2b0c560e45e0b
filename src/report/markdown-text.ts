// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const controlCharacter = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Text for a Markdown document that renders as written: HTML's markup characters become entities (GitHub renders
 * inline HTML), Markdown's punctuation is escaped (`$` too, which GitHub reads as the start of math), and line breaks
 * become spaces, so a model's output or a user's string can neither add markup nor break a table.
 */
export function markdownText(text: string): string {
  return text
    .replace(controlCharacter, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~$-]/g, (character) => `\\${character}`)
    .replace(/\r?\n|\r|\t/g, ' ');
}
