/**
 * How deeply brackets and prefix operators (`not`, unary `-`) may nest in a program. The parser and every pass
 * over an expression recurse once per level, so a limit far above what anyone writes by hand keeps a generated or
 * hostile file from exhausting the stack: it gets a located diagnostic instead.
 */
export const maxNesting = 64;

/** Words after which a `-` is a sign, not a subtraction. */
const operatorWords = new Set(['not', 'and', 'or', 'verify', 'require', 'when', 'expect']);

/** Characters after which a `-` is a sign, not a subtraction. */
const operatorCharacters = new Set(['(', '[', '{', ',', ':', '=', '<', '>', '+', '-', '*', '/']);

const quote = 34;
const newline = 10;
const backslash = 92;

const isWordStart = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
const isWordPart = (code: number): boolean => isWordStart(code) || (code >= 48 && code <= 57);
/** What `\s` matches: ASCII white space without a regular expression, any other character with one. */
const isSpace = (code: number): boolean =>
  code < 128 ? code === 32 || (code >= 9 && code <= 13) : /\s/.test(String.fromCharCode(code));

/**
 * The offset of the bracket or prefix operator at which nesting first passes `maxNesting`, outside strings, text
 * blocks and comments; undefined when it never does. A prefix operator counts until the operand it applies to ends
 * (at a binary operator, a comma or a closing bracket of its level).
 */
export function nestingTooDeepAt(text: string): number | undefined {
  const prefixes: number[] = [0];
  let depth = 0;
  let previous = '';
  let index = 0;
  const endChain = () => {
    depth -= prefixes[prefixes.length - 1] as number;
    prefixes[prefixes.length - 1] = 0;
  };
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '#') {
      const newline = text.indexOf('\n', index);
      index = newline === -1 ? text.length : newline;
    } else if (character === '"' && text.startsWith('"""', index)) {
      const end = text.indexOf('"""', index + 3);
      if (end === -1) return undefined;
      index = end + 3;
      previous = '"';
    } else if (character === '"') {
      index++;
      for (let code = text.charCodeAt(index); index < text.length && code !== quote && code !== newline; ) {
        index += code === backslash ? 2 : 1;
        code = text.charCodeAt(index);
      }
      index++;
      previous = '"';
    } else if (character === '(' || character === '[' || character === '{') {
      depth++;
      prefixes.push(0);
      if (depth > maxNesting) return index;
      previous = character;
      index++;
    } else if (character === ')' || character === ']' || character === '}') {
      endChain();
      if (prefixes.length > 1) {
        prefixes.pop();
        depth--;
      }
      previous = character;
      index++;
    } else if (isWordStart(text.charCodeAt(index))) {
      // A word of at most 64 characters; a longer one is read on as another word.
      let end = index + 1;
      while (end < index + 64 && isWordPart(text.charCodeAt(end))) end++;
      const word = text.slice(index, end);
      if (word === 'not') {
        prefixes[prefixes.length - 1] = (prefixes[prefixes.length - 1] as number) + 1;
        depth++;
        if (depth > maxNesting) return index;
      } else if (word === 'and' || word === 'or') {
        endChain();
      }
      previous = word;
      index += word.length;
    } else if (character === '-' && (operatorCharacters.has(previous) || operatorWords.has(previous))) {
      prefixes[prefixes.length - 1] = (prefixes[prefixes.length - 1] as number) + 1;
      depth++;
      if (depth > maxNesting) return index;
      previous = character;
      index++;
    } else {
      if (',+-*/<>=!'.includes(character)) endChain();
      if (!isSpace(text.charCodeAt(index))) previous = character;
      index++;
    }
  }
  return undefined;
}
