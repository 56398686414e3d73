/**
 * A small seeded pseudo-random generator (sfc32 seeded through splitmix32). `Math.random` cannot be
 * seeded, and the generated dataset must be identical for the same seed on every machine.
 */
export type Prng = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max], both inclusive. */
  int: (min: number, max: number) => number;
  /** True with probability `p`. */
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted: <T>(entries: readonly (readonly [T, number])[]) => T;
  /** `count` distinct items (fewer if the list is shorter), in a random order. */
  sample: <T>(items: readonly T[], count: number) => T[];
};

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createPrng(seed: number): Prng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextUint = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32 mixes poorly right after seeding.
  for (let i = 0; i < 12; i++) {
    nextUint();
  }
  const next = (): number => nextUint() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) {
      throw new Error('pick from an empty list');
    }
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) {
          return value;
        }
      }
      const last = entries[entries.length - 1];
      if (!last) {
        throw new Error('weighted pick from an empty list');
      }
      return last[0];
    },
    sample: <T>(items: readonly T[], count: number): T[] => {
      const n = Math.min(count, items.length);
      if (n <= 0) {
        return [];
      }
      // Few picks from a long list: rejection sampling avoids copying the list.
      if (n * 4 < items.length) {
        const chosen = new Set<number>();
        while (chosen.size < n) {
          chosen.add(Math.floor(next() * items.length));
        }
        return [...chosen].map((i) => items[i] as T);
      }
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, n);
    },
  };
}
