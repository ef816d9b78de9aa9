/** A generator of uniform floats in [0, 1); each call advances its state. */
export type Rng = () => number;

const TWO_POW_32 = 4294967296;

/**
 * A seeded mulberry32 generator: same seed → same sequence on every platform, because it
 * only uses 32-bit integer ops (Math.imul, >>>) and one exact division.
 *
 * const rng = createRng(42); rng() // → a float in [0, 1), identical on every run
 */
export function createRng(seed: number): Rng {
  let state = seedToUint32(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/**
 * Shuffles `items` in place with Fisher–Yates and returns the same array.
 *
 * shuffleInPlace([1, 2, 3], createRng(1)) // → some permutation of [1, 2, 3]
 */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  // Walk down from the end so every permutation is equally likely (given a uniform rng).
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * Folds a whole-number seed into 32 bits. Seeds below 2^32 map to themselves (plain mulberry32);
 * larger ones mix in their high bits so that e.g. 1 and 2^32 + 1 do not collide.
 * Fractions are truncated: the spec only allows whole-number seeds.
 */
function seedToUint32(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / TWO_POW_32) >>> 0;
  return (low ^ Math.imul(high, 0x9e3779b9)) >>> 0;
}
