// Content-addressed artifact files: <dir>/ab/cdef... named by the SHA-256 of their bytes, written atomically.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../core/canonical-json.js';
import { StoreError } from '../core/errors.js';

export class ArtifactStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Where the artifact with this hash lives (whether or not it exists). */
  path(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new StoreError(`Not an artifact hash: expected 64 hex digits, got ${JSON.stringify(hash)}.`);
    return join(this.dir, hash.slice(0, 2), hash.slice(2));
  }

  has(hash: string): boolean {
    return existsSync(this.path(hash));
  }

  /**
   * Stores bytes and returns their hash. The file is written to a temporary name, flushed, then renamed, so a
   * killed process never leaves a partial artifact under a real name. Storing existing content is a no-op.
   */
  put(bytes: Uint8Array): string {
    const hash = sha256(bytes);
    const target = this.path(hash);
    if (existsSync(target)) return hash;
    mkdirSync(join(this.dir, hash.slice(0, 2)), { recursive: true });
    const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const fd = openSync(temp, 'w');
      try {
        let written = 0;
        while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
    } catch (e) {
      rmSync(temp, { force: true });
      throw new StoreError(`Could not write artifact ${hash.slice(0, 12)} to ${target}: ${(e as Error).message}. Check free space and permissions.`, { cause: e });
    }
    return hash;
  }

  /** The artifact's bytes, verified against its hash. */
  get(hash: string): Uint8Array {
    const path = this.path(hash);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new StoreError(`Artifact ${hash.slice(0, 12)} is missing (${path}). Its job will be recomputed if you rerun; if it persists, delete the store directory.`, { cause: e });
    }
    const actual = sha256(bytes);
    if (actual !== hash) {
      throw new StoreError(`Artifact ${path} is corrupt: its content hashes to ${actual.slice(0, 12)}, expected ${hash.slice(0, 12)}. Delete the file; it will be recomputed.`);
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
