// Decoded model outputs kept in memory (least recently used first out), so parents are decoded once per process.
import type { Outputs } from '../core/types.js';

function sizeOf(value: Outputs): number {
  return 'data' in value ? value.data.byteLength : 64 * value.items.length;
}

export class OutputsCache {
  readonly #entries = new Map<string, { value: Outputs; bytes: number }>();
  #bytes = 0;

  /** `maxBytes` bounds the memory held (approximately for records). */
  constructor(readonly maxBytes = 256 * 2 ** 20) {}

  get(hash: string): Outputs | undefined {
    const entry = this.#entries.get(hash);
    if (entry === undefined) return undefined;
    this.#entries.delete(hash);
    this.#entries.set(hash, entry);
    return entry.value;
  }

  set(hash: string, value: Outputs): void {
    const bytes = sizeOf(value);
    if (bytes > this.maxBytes || this.#entries.has(hash)) return;
    this.#entries.set(hash, { value, bytes });
    this.#bytes += bytes;
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(key);
      this.#bytes -= entry.bytes;
    }
  }
}
