// Where the pseudo-LiDAR learners keep what they compute once and reuse: rendered world splits and stereo
// checkpoints (the disparity pretraining shared by u and u', fine-tuned models reused across scenarios).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';

let cacheDir: string | null = process.env.ENTANGLE_PSEUDO_LIDAR_CACHE ?? null;
const memory = new Map<string, Uint8Array>();

/**
 * Sets the directory of the disk cache (null: memory only, the default unless ENTANGLE_PSEUDO_LIDAR_CACHE is set).
 * System factories call it with a folder inside the run store, so workers that rebuild the system share it.
 */
export function setPseudoLidarCacheDir(dir: string | null): void {
  cacheDir = dir;
}

export function pseudoLidarCacheDir(): string | null {
  return cacheDir;
}

/** Bytes stored under `name` (memory first, then disk), or undefined. */
export function readCached(name: string): Uint8Array | undefined {
  const hit = memory.get(name);
  if (hit) return hit;
  if (cacheDir === null) return undefined;
  const path = join(cacheDir, name);
  if (!existsSync(path)) return undefined;
  const bytes = new Uint8Array(readFileSync(path));
  memory.set(name, bytes);
  return bytes;
}

/** Stores bytes under `name` in memory and, when a directory is set, atomically on disk. */
export function writeCached(name: string, bytes: Uint8Array): void {
  memory.set(name, bytes);
  if (cacheDir === null) return;
  mkdirSync(cacheDir, { recursive: true });
  writeFileAtomic(join(cacheDir, name), bytes);
}

/** Forgets the in-memory entries (tests). */
export function forgetCachedInMemory(): void {
  memory.clear();
}
