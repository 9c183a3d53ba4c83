// Splits of the generated world (index ranges of one world seed) as dense arrays, cached on disk when asked.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { canonicalJson, sha256 } from '../../core/canonical-json.js';
import { EntangleError } from '../../core/errors.js';
import type { KittiObject } from '../kitti/label.js';
import { generateFrame, resolveWorldOptions, type WorldOptions } from '../world/frame.js';

/** Frames first..first+count−1 of the world seeded `seed`, rendered with `world` options (scale included). */
export interface WorldSplit {
  seed: number;
  first: number;
  count: number;
  world?: Partial<WorldOptions>;
}

/** A split as dense arrays: maps are [count, H, W] row-major; labels per frame. */
export interface SplitData {
  split: WorldSplit;
  width: number;
  height: number;
  count: number;
  left: Float32Array;
  right: Float32Array;
  depth: Float32Array;
  disparity: Float32Array;
  labels: KittiObject[][];
  /** sha256 of the split spec and the first frame's left image: changes when the generator's output does. */
  fingerprint: string;
}

const MAGIC = 'PLSPLIT1';
const FIELDS = ['left', 'right', 'depth', 'disparity'] as const;

function checkSplit(split: WorldSplit): void {
  const ok = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!ok(split.seed, -(2 ** 31)) || !ok(split.first, 0) || !ok(split.count, 1)) {
    throw new EntangleError(`World split: seed must be an integer, first an integer ≥ 0 and count an integer ≥ 1; got ${JSON.stringify(split)}.`);
  }
}

function frameHash(left: Float32Array): string {
  return sha256(new Uint8Array(left.buffer, left.byteOffset, left.byteLength));
}

/** Identity of a split's content without generating it all: the spec with resolved options and the first frame. */
function fingerprintOf(split: WorldSplit, options: WorldOptions, firstLeft: Float32Array): string {
  return sha256(canonicalJson({ split: { seed: split.seed, first: split.first, count: split.count }, options, first: frameHash(firstLeft) }));
}

/** Renders every frame of the split (≈ 0.2 s per frame at s = ¼, ≈ 0.6 s at ½). */
export function generateSplit(split: WorldSplit, onFrame?: (done: number, total: number) => void): SplitData {
  checkSplit(split);
  const options = resolveWorldOptions(split.world ?? {});
  let out: SplitData | undefined;
  for (let i = 0; i < split.count; i++) {
    const f = generateFrame(split.seed, split.first + i, options);
    if (out === undefined) {
      const n = split.count * f.width * f.height;
      out = {
        split, width: f.width, height: f.height, count: split.count,
        left: new Float32Array(n), right: new Float32Array(n), depth: new Float32Array(n), disparity: new Float32Array(n),
        labels: [], fingerprint: fingerprintOf(split, options, f.left),
      };
    }
    const at = i * f.width * f.height;
    for (const k of FIELDS) out[k].set(f[k], at);
    out.labels.push(f.labels);
    onFrame?.(i + 1, split.count);
  }
  return out!;
}

function encode(data: SplitData): Uint8Array {
  const header = Buffer.from(JSON.stringify({
    split: data.split, width: data.width, height: data.height, count: data.count, labels: data.labels, fingerprint: data.fingerprint,
  }), 'utf8');
  const pad = (8 - ((12 + header.length) % 8)) % 8;
  const start = 12 + header.length + pad;
  const bytesPer = data.left.byteLength;
  const out = new Uint8Array(start + FIELDS.length * bytesPer);
  out.set(Buffer.from(MAGIC, 'ascii'));
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  FIELDS.forEach((k, j) => out.set(new Uint8Array(data[k].buffer, data[k].byteOffset, bytesPer), start + j * bytesPer));
  return out;
}

function decode(bytes: Uint8Array, path: string): SplitData {
  if (Buffer.from(bytes.subarray(0, 8)).toString('ascii') !== MAGIC) throw new EntangleError(`${path} is not a cached world split (bad magic). Delete it; it will be regenerated.`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + headerLength)).toString('utf8')) as Omit<SplitData, (typeof FIELDS)[number]>;
  const start = 12 + headerLength + ((8 - ((12 + headerLength) % 8)) % 8);
  const n = header.count * header.width * header.height;
  if (bytes.length !== start + FIELDS.length * 4 * n) throw new EntangleError(`${path} is truncated (${bytes.length} bytes, expected ${start + FIELDS.length * 4 * n}). Delete it; it will be regenerated.`);
  const arrays = FIELDS.map((_, j) => new Float32Array(bytes.slice(start + j * 4 * n, start + (j + 1) * 4 * n).buffer));
  return { ...header, left: arrays[0], right: arrays[1], depth: arrays[2], disparity: arrays[3] };
}

const memory = new Map<string, SplitData>();

/**
 * The split's frames: from this process's memory, else from `cacheDir` (checked against a freshly rendered first
 * frame, so a changed generator regenerates), else rendered and written there. `cacheDir` null = no disk cache.
 */
export function loadSplit(split: WorldSplit, cacheDir: string | null, log?: (line: string) => void): SplitData {
  checkSplit(split);
  const options = resolveWorldOptions(split.world ?? {});
  const first = generateFrame(split.seed, split.first, options);
  const fingerprint = fingerprintOf(split, options, first.left);
  const hit = memory.get(fingerprint);
  if (hit) return hit;
  const path = cacheDir === null ? null : join(cacheDir, `split-${fingerprint.slice(0, 24)}.bin`);
  let data: SplitData | undefined;
  if (path !== null && existsSync(path)) {
    try {
      data = decode(new Uint8Array(readFileSync(path)), path);
      if (data.fingerprint !== fingerprint) data = undefined;
    } catch (err) {
      log?.(`world split cache ${path} unreadable (${(err as Error).message}); regenerating`);
      data = undefined;
    }
  }
  if (data === undefined) {
    const started = Date.now();
    data = generateSplit(split, (done, total) => { if (done % 100 === 0 || done === total) log?.(`world seed ${split.seed}: rendered ${done}/${total} frames`); });
    log?.(`world seed ${split.seed} frames ${split.first}..${split.first + split.count - 1}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (path !== null) {
      mkdirSync(cacheDir!, { recursive: true });
      writeFileAtomic(path, encode(data));
    }
  }
  memory.set(fingerprint, data);
  return data;
}

/** Drops the in-memory copies (tests, or before loading large splits). */
export function forgetSplits(): void {
  memory.clear();
}
