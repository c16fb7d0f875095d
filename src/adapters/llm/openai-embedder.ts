import { z } from 'zod';
import { ChatModelError, EMBEDDING_DIMENSIONS, type Embedder } from '../../domain/ports/llm';
import { createOpenAiClient, type OpenAiConnection } from './openai-client';
import { toChatModelError } from './openai-errors';

export interface OpenAiEmbedderOptions extends OpenAiConnection {
  /** A model that accepts `dimensions`, e.g. text-embedding-3-small. */
  model: string;
  /** Texts per request; the API accepts up to 2048 inputs. */
  batchSize?: number;
}

const embeddingsResponse = z.object({
  data: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      embedding: z.array(z.number()).length(EMBEDDING_DIMENSIONS),
    }),
  ),
});

/** OpenAI embeddings asked for 512 dimensions, sent in batches, returned in input order. */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const client = createOpenAiClient(options);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 256, 2048));
  const secrets = [options.apiKey];

  async function embedBatch(texts: string[]): Promise<number[][]> {
    let raw: unknown;
    try {
      raw = await client.embeddings.create({
        model: options.model,
        // Empty strings are rejected by the API; a single space embeds as "nothing".
        input: texts.map((text) => (text.trim() === '' ? ' ' : text)),
        dimensions: EMBEDDING_DIMENSIONS,
        encoding_format: 'float',
      });
    } catch (error) {
      throw toChatModelError(error, 'embedding failed', secrets);
    }
    const parsed = embeddingsResponse.safeParse(raw);
    if (!parsed.success || parsed.data.data.length !== texts.length) {
      throw new ChatModelError(
        'bad_response',
        `embedding failed: expected ${texts.length} vectors of ${EMBEDDING_DIMENSIONS} dimensions`,
        false,
      );
    }
    return [...parsed.data.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
  }

  return {
    id: `openai:${options.model}:${EMBEDDING_DIMENSIONS}`,
    dimensions: EMBEDDING_DIMENSIONS,
    local: false,
    async embed(texts: string[]): Promise<number[][]> {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        vectors.push(...(await embedBatch(texts.slice(start, start + batchSize))));
      }
      return vectors;
    },
  };
}
