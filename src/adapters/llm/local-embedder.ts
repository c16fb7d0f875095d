import { EMBEDDING_DIMENSIONS, type Embedder } from '../../domain/ports/llm';

/**
 * NOT SEMANTIC. A deterministic stand-in for a real embedding model when none is configured: texts that
 * share characters, syllables and short character sequences get close vectors; synonyms and translations
 * do not. Character 1–3-grams of the NFKC-normalised, lower-cased text (Hangul syllables count as
 * characters), signed feature hashing into 512 dimensions, L2-normalised.
 */
export const LOCAL_EMBEDDER_ID = 'local-hashed-ngram-v1';

const GRAM_WEIGHTS: readonly [number, number][] = [
  [1, 0.5],
  [2, 1],
  [3, 1],
];

export function createLocalEmbedder(): Embedder {
  return {
    id: LOCAL_EMBEDDER_ID,
    dimensions: EMBEDDING_DIMENSIONS,
    local: true,
    embed: async (texts: string[]) => texts.map(embedLocally),
  };
}

export function embedLocally(text: string): number[] {
  const vector = new Float64Array(EMBEDDING_DIMENSIONS);
  for (const word of words(text)) {
    // Spaces around the word let 2- and 3-grams mark where words begin and end.
    const chars = [' ', ...word, ' '];
    for (const [n, weight] of GRAM_WEIGHTS) {
      const first = n === 1 ? 1 : 0;
      const last = n === 1 ? chars.length - 1 : chars.length - n + 1;
      for (let i = first; i < last; i += 1) {
        const hash = hashGram(`${n}\u0000${chars.slice(i, i + n).join('')}`);
        const index = hash % EMBEDDING_DIMENSIONS;
        const sign = (hash >>> 16) & 1 ? -1 : 1;
        vector[index] = (vector[index] ?? 0) + sign * weight;
      }
    }
  }
  return normalise(vector);
}

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((word) => word.length > 0);
}

/** FNV-1a over UTF-16 code units with a murmur3 finaliser so low and high bits are both well mixed. */
function hashGram(gram: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < gram.length; i += 1) {
    hash ^= gram.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function normalise(vector: Float64Array): number[] {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  // An empty text still needs a unit vector: cosine distance to a zero vector is undefined.
  if (sumOfSquares === 0) return Array.from(vector, (_, i) => (i === 0 ? 1 : 0));
  const norm = Math.sqrt(sumOfSquares);
  return Array.from(vector, (value) => value / norm);
}
