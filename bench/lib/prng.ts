/** mulberry32: a small deterministic PRNG. The same seed always gives the same sequence. */
export function rng(seed: number) {
  let a = seed | 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  /** Skewed pick: low indexes more often (a few people file or handle much more than others). */
  const skewed = <T>(items: readonly T[], power = 1.6): T => items[Math.floor(next() ** power * items.length)] as T;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r <= 0) return value;
    }
    return entries[entries.length - 1]?.[0] as T;
  };
  return { next, int, pick, skewed, weighted };
}
export type Rng = ReturnType<typeof rng>;
