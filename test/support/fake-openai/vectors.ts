/** Deterministic unit vectors for the fake embeddings endpoint: the same text always gives the same vector. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  let state = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) state = Math.imul(state ^ text.charCodeAt(i), 0x01000193);
  state = state || 1;
  const values: number[] = [];
  for (let i = 0; i < dimensions; i += 1) {
    // xorshift32: cheap and reproducible across runs and platforms
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values.push(((state >>> 0) / 0xffffffff) * 2 - 1);
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return values.map((v) => v / norm);
}
