import { hostname } from 'node:os';
import type { RunOwner, RunRecord } from './store-types.js';

/** Whether a process of this machine is still there (it may belong to another user: then it is). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when a run reads `running` but the process working on it is gone: killed (SIGKILL, a crash, the machine
 * restarted) before it could mark the run `interrupted`. Only a process of this machine can be checked; a run owned
 * elsewhere, or stored before owners were kept, is taken at its word.
 */
export function runProcessGone(run: RunRecord, thisHost = hostname()): boolean {
  if (run.status !== 'running' || !run.owner || run.owner.host !== thisHost) return false;
  return !processExists(run.owner.pid);
}

/**
 * Whether the process that owns a run is known to be alive: a live process of this machine. One of another machine
 * cannot be checked from here, and is not taken as alive, so that a store copied from a machine where its run was
 * killed can still be resumed.
 */
export function runOwnerAlive(owner: RunOwner, thisHost = hostname()): boolean {
  return owner.host === thisHost && processExists(owner.pid);
}
