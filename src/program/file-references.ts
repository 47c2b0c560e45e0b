import type { DocumentNode, PromptText, StringNode } from '../lang/ast.js';

/** The files a document reads besides its imports: prompt files and case files, as written, in order. */
export function fileReferences(document: DocumentNode): StringNode[] {
  const paths: StringNode[] = [];
  const text = (prompt: PromptText) => {
    if (prompt.kind === 'file') paths.push(prompt.path);
  };
  for (const item of document.program.items) {
    switch (item.kind) {
      case 'message':
        text(item.text);
        break;
      case 'step':
        if (item.body.kind === 'prompt') text(item.body.text);
        break;
      case 'judge':
        text(item.rubric);
        break;
      case 'cases-from':
        paths.push(item.path);
        break;
      default:
        break;
    }
  }
  return paths;
}
