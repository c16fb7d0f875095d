import { describe, expect, it } from 'vitest';
import { splitMessage, threadNameFrom, truncate } from '../../../src/adapters/discord/text';

describe('discord text limits', () => {
  it('when a question is longer than 100 characters then the thread name is cut to 100 with an ellipsis', () => {
    const name = threadNameFrom(`  ${'가'.repeat(150)}\n두 번째 줄`, '매매 상담');

    expect(name).toHaveLength(100);
    expect(name.endsWith('…')).toBe(true);
  });

  it('when a question spans lines then the thread name is one line; when blank, the fallback', () => {
    expect(threadNameFrom('KODEX 200\n살까?', 'x')).toBe('KODEX 200 살까?');
    expect(threadNameFrom('   \n ', '매매 상담')).toBe('매매 상담');
  });

  it('when truncating before an emoji then the surrogate pair is not split', () => {
    const cut = truncate(`ab😀cd`, 4);

    expect(cut).toBe('ab…');
  });

  it('when an answer is longer than 2000 characters then it is split at line breaks into valid messages', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${i}: ${'x'.repeat(40)}`);

    const parts = splitMessage(lines.join('\n'));

    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('when an answer would need more than the maximum number of messages then the last one is truncated', () => {
    const parts = splitMessage('y'.repeat(20_000), 2000, 3);

    expect(parts).toHaveLength(3);
    expect(parts[2]!.length).toBe(2000);
    expect(parts[2]!.endsWith('…')).toBe(true);
  });

  it('when there is no text then there is no message', () => {
    expect(splitMessage('  \n ')).toEqual([]);
  });
});
