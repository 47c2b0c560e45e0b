import type { JsonDifference } from './json-differences.js';
import { previewJson } from './json-preview.js';

/** One difference in words: `$.orders.W1.status is "pending", expected "cancelled"`. */
export function describeDifference(difference: JsonDifference, wanted = 'expected'): string {
  return `${difference.path} is ${previewJson(difference.actual)}, ${wanted} ${previewJson(difference.expected)}`;
}
