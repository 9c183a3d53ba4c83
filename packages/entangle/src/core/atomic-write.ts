// Whole-file writes that readers and concurrent writers (other processes, or worker threads sharing this pid)
// never see half done.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

/**
 * Writes `data` to a temporary file named by pid, thread and a random suffix, then renames it onto `file` (atomic
 * on one file system). Concurrent writers of the same file each rename their own complete copy; the last one wins.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
