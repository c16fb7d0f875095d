import { describe, expect, it } from 'vitest';
import {
  createLocalEmbedder,
  embedLocally,
  LOCAL_EMBEDDER_ID,
} from '../../../src/adapters/llm/local-embedder';

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
}

describe('local hashed n-gram embedder', () => {
  it('when texts are embedded then each gets a unit vector of 512 dimensions, in order', async () => {
    // Arrange
    const embedder = createLocalEmbedder();

    // Act
    const vectors = await embedder.embed(['KODEX 200 브리핑', 'gold ETF', '']);

    // Assert
    expect(embedder).toMatchObject({ id: LOCAL_EMBEDDER_ID, dimensions: 512, local: true });
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(512);
      expect(cosine(vector, vector)).toBeCloseTo(1, 10);
    }
    expect(vectors[0]).toEqual(embedLocally('KODEX 200 브리핑'));
  });

  it('when the same text is embedded twice then the vectors are identical', () => {
    // Act
    const first = embedLocally('반도체 수출 급증, 메모리 가격 반등');
    const second = embedLocally('반도체 수출 급증, 메모리 가격 반등');

    // Assert
    expect(first).toEqual(second);
  });

  it('when case, width or spacing differ then the vectors are the same', () => {
    // Act
    const plain = embedLocally('KODEX 200 매수');
    const variant = embedLocally('  ｋｏｄｅｘ   200   매수 ');

    // Assert
    expect(cosine(plain, variant)).toBeCloseTo(1, 10);
  });

  it('when texts share Hangul syllables then they are closer than unrelated texts', () => {
    // Arrange
    const query = embedLocally('반도체 수출');

    // Act
    const related = cosine(query, embedLocally('반도체 수출 급증'));
    const unrelated = cosine(query, embedLocally('금리 인하 기대감'));

    // Assert
    expect(related).toBeGreaterThan(0.6);
    expect(unrelated).toBeLessThan(0.3);
  });

  it('when a translation is embedded then it is not found similar (the embedder is not semantic)', () => {
    // Act
    const similarity = cosine(embedLocally('반도체'), embedLocally('semiconductor'));

    // Assert
    expect(similarity).toBeLessThan(0.3);
  });
});
