import type { DocumentNode, PromptText, StringNode } from '../lang/ast.js';

/** A file a document names besides its imports: the path as written, and what it is read as. */
export interface FileReference {
  readonly path: StringNode;
  readonly kind: 'prompt' | 'cases';
}

/** The files a document reads besides its imports: prompt files and case files, as written, in order. */
export function fileReferences(document: DocumentNode): FileReference[] {
  const paths: FileReference[] = [];
  const text = (prompt: PromptText) => {
    if (prompt.kind === 'file') paths.push({ path: prompt.path, kind: 'prompt' });
  };
  for (const item of document.program.items) {
    switch (item.kind) {
      case 'message':
      case 'history':
        text(item.text);
        break;
      case 'simulate-user':
        text(item.instructions);
        break;
      case 'step':
        if (item.body.kind === 'prompt') text(item.body.text);
        break;
      case 'judge':
        text(item.rubric);
        break;
      case 'cases-from':
        paths.push({ path: item.path, kind: 'cases' });
        break;
      default:
        break;
    }
  }
  return paths;
}
