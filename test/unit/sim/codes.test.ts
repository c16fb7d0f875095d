import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const simDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/sim/kis');
const CODE = /['"`]((?:EGW|IGW|OPSQ|OPSP|APBK|KIOK|MCA)\d{4,5}|40[0-9]{6}|90000000)['"`]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

describe('simulator codes', () => {
  const listed = readFileSync(path.join(simDir, 'CODES.md'), 'utf8');
  const used = new Map<string, string>();
  for (const file of sources(simDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(CODE)) {
      used.set(match[1]!, path.relative(simDir, file));
    }
  }

  it('when the simulator answers with a code then CODES.md lists it with its source', () => {
    const missing = [...used].filter(([code]) => !listed.includes(`\`${code}\``));
    expect(used.size).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('when a code was invented (EGW00404, EGW00213 for wrong-host TRs) then the simulator no longer sends it', () => {
    expect(used.has('EGW00404')).toBe(false);
    expect(used.has('EGW00213')).toBe(false);
  });
});
