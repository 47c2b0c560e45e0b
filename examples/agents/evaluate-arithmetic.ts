/** The longest expression `calculate` reads: a price sum, not a program. */
const maxLength = 200;
/** Parentheses nested deeper than this are refused, so that no input can exhaust the stack. */
const maxDepth = 20;

/**
 * Evaluates `+ - * /`, parentheses, unary minus and decimal numbers, such as `89.5 + 15.5 - (2 * 3)`. Nothing else
 * is read: the model's text is parsed here, never handed to `eval`. Throws an Error saying what is wrong.
 */
export function evaluateArithmetic(expression: string): number {
  if (expression.length > maxLength) throw new Error(`the expression is longer than ${maxLength} characters`);
  const tokens = expression.match(/\d+(?:\.\d+)?|\.\d+|[-+*/()]|\s+|./g) ?? [];
  const list = tokens.filter((token) => !/^\s+$/.test(token));
  const bad = list.find((token) => !/^(?:\d+(?:\.\d+)?|\.\d+|[-+*/()])$/.test(token));
  if (bad !== undefined) throw new Error(`"${bad}" is not allowed: use numbers, + - * / and parentheses`);
  let position = 0;

  const sum = (depth: number): number => {
    let value = product(depth);
    while (list[position] === '+' || list[position] === '-') {
      const operator = list[position++];
      const right = product(depth);
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  };
  const product = (depth: number): number => {
    let value = factor(depth);
    while (list[position] === '*' || list[position] === '/') {
      const operator = list[position++];
      const right = factor(depth);
      if (operator === '/' && right === 0) throw new Error('division by zero');
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  };
  const factor = (depth: number): number => {
    if (depth > maxDepth) throw new Error(`parentheses are nested deeper than ${maxDepth}`);
    const token = list[position++];
    if (token === undefined) throw new Error('the expression ends too early');
    if (token === '-') return -factor(depth + 1);
    if (token === '(') {
      const value = sum(depth + 1);
      if (list[position++] !== ')') throw new Error('a "(" is not closed');
      return value;
    }
    if (/^[\d.]/.test(token)) return Number(token);
    throw new Error(`unexpected "${token}"`);
  };

  if (list.length === 0) throw new Error('the expression is empty');
  const value = sum(0);
  if (position < list.length) throw new Error(`unexpected "${list[position]}"`);
  // Prices have two decimals; rounding hides binary fractions such as 0.1 + 0.2.
  return Math.round(value * 1e6) / 1e6;
}
