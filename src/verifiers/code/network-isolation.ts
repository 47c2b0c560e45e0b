import { spawn } from 'node:child_process';

let probe: Promise<boolean> | undefined;

/**
 * Whether `unshare -n` can put a child in a network namespace of its own (with no interfaces up), which needs
 * Linux, util-linux and the right to create user or network namespaces. Probed once per process.
 */
export function networkNamespaceAvailable(): Promise<boolean> {
  probe ??= new Promise((resolve) => {
    if (process.platform !== 'linux') {
      resolve(false);
      return;
    }
    const child = spawn('unshare', ['-n', 'true'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
  return probe;
}
