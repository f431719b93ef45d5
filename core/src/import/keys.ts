/**
 * The keys of a file seen so far, to name a duplicate's first row, in fixed-size slots: two
 * 32-bit hashes of the key and the row of its first occurrence (12 bytes a slot, at most half
 * full: about 24 MB for a million keys, where a Map of the key strings takes about 100 MB).
 * Two different keys whose two hashes both collide (about one chance in 10^10 for a million
 * keys) would be reported as a duplicate.
 */
export class KeySet {
  private h1: Uint32Array;
  private h2: Uint32Array;
  private rows: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.h1 = new Uint32Array(capacity);
    this.h2 = new Uint32Array(capacity);
    this.rows = new Uint32Array(capacity);
  }

  /** The row where key was first seen; else undefined, and key is recorded at row (> 0). */
  firstOrAdd(key: string, row: number): number | undefined {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a >>>= 0;
    b >>>= 0;
    const mask = this.rows.length - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      if (this.rows[i] === 0) {
        this.h1[i] = a;
        this.h2[i] = b;
        this.rows[i] = row;
        if (++this.count * 2 > this.rows.length) this.grow();
        return undefined;
      }
      if (this.h1[i] === a && this.h2[i] === b) return this.rows[i];
    }
  }

  private grow(): void {
    const [h1, h2, rows] = [this.h1, this.h2, this.rows];
    const size = rows.length * 2;
    this.h1 = new Uint32Array(size);
    this.h2 = new Uint32Array(size);
    this.rows = new Uint32Array(size);
    const mask = size - 1;
    for (let j = 0; j < rows.length; j++) {
      if (rows[j] === 0) continue;
      let i = h1[j]! & mask;
      while (this.rows[i] !== 0) i = (i + 1) & mask;
      this.h1[i] = h1[j]!;
      this.h2[i] = h2[j]!;
      this.rows[i] = rows[j]!;
    }
  }
}
