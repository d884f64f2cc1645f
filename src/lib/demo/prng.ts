import { uuidFromBytes, type Id } from '../domain/ids';

/**
 * A seeded pseudo-random source (sfc32, public domain). Integer arithmetic only, and nothing below
 * uses Math.log/exp/pow, so the same seed gives the same numbers in every JavaScript engine.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`Seed must be a safe integer: ${seed}`);
    this.a = 0x9e3779b9;
    this.b = seed >>> 0;
    this.c = Math.floor(seed / 0x1_0000_0000) >>> 0;
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** The next unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi], both included. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An index drawn with the given (non-negative) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A version-4 UUID from 16 seeded bytes. */
  uuid(): Id {
    const bytes = new Array<number>(16);
    for (let i = 0; i < 16; i += 4) {
      const x = this.u32();
      bytes[i] = x & 0xff;
      bytes[i + 1] = (x >>> 8) & 0xff;
      bytes[i + 2] = (x >>> 16) & 0xff;
      bytes[i + 3] = x >>> 24;
    }
    return uuidFromBytes(bytes);
  }
}

/** A binary min-heap of (key, value); equal keys come out in a fixed (deterministic) order. */
export class MinHeap<V> {
  private keys: number[] = [];
  private values: V[] = [];

  get size(): number {
    return this.keys.length;
  }

  peekKey(): number | undefined {
    return this.keys[0];
  }

  push(key: number, value: V): void {
    const { keys, values } = this;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[i] = keys[parent] as number;
      values[i] = values[parent] as V;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): V | undefined {
    const { keys, values } = this;
    const top = values[0];
    const lastKey = keys.pop();
    const lastValue = values.pop();
    if (keys.length === 0 || lastKey === undefined || lastValue === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= keys.length) break;
      const r = l + 1;
      const child = r < keys.length && (keys[r] as number) < (keys[l] as number) ? r : l;
      if ((keys[child] as number) >= lastKey) break;
      keys[i] = keys[child] as number;
      values[i] = values[child] as V;
      i = child;
    }
    keys[i] = lastKey;
    values[i] = lastValue;
    return top;
  }
}

/** Integer weights by position with O(log n) update and weighted draw (a Fenwick tree). */
export class WeightedPicker {
  private readonly tree: Float64Array;
  private readonly weights: Float64Array;
  private total = 0;

  constructor(readonly size: number) {
    this.tree = new Float64Array(size + 1);
    this.weights = new Float64Array(size);
  }

  get totalWeight(): number {
    return this.total;
  }

  /** Set position i's weight (a non-negative integer: sums stay exact). */
  set(i: number, weight: number): void {
    const delta = weight - (this.weights[i] ?? 0);
    if (delta === 0) return;
    this.weights[i] = weight;
    this.total += delta;
    for (let j = i + 1; j <= this.size; j += j & -j) this.tree[j] = (this.tree[j] ?? 0) + delta;
  }

  /** A position drawn by weight, or -1 when every weight is 0. */
  draw(rng: Rng): number {
    if (this.total <= 0) return -1;
    let r = rng.int(this.total);
    let pos = 0;
    let step = 1;
    while (step * 2 <= this.size) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      const w = this.tree[next] ?? 0;
      if (next <= this.size && w <= r) {
        pos = next;
        r -= w;
      }
    }
    return pos;
  }
}
