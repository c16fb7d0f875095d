import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOMAIN = path.resolve(__dirname, '../../../src/domain');
const FORBIDDEN_IMPORTS = [
  /^node:/,
  /^(fs|http|https|net|child_process|crypto|os|path|url|worker_threads|dgram|tls)$/,
  /^discord\.js/,
  /^openai/,
  /^drizzle-orm/,
  /^postgres$/,
  /^@qdrant\//,
  /^pino/,
  /^ws$/,
  /^@electric-sql\//,
  /adapters\//,
  /\/app\//,
  /\/sim\//,
];
const FORBIDDEN_CODE: [RegExp, string][] = [
  [/process\.env/, 'process.env'],
  [/Date\.now\s*\(/, 'Date.now()'],
  [/new Date\(\s*\)/, 'new Date() without an instant'],
  [/performance\.now\s*\(/, 'performance.now()'],
  [/Math\.random\s*\(/, 'Math.random() (inject a seeded source instead)'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

export function violationsIn(file: string, text: string): string[] {
  const out: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    const spec = m[1] ?? m[2] ?? m[3] ?? '';
    if (FORBIDDEN_IMPORTS.some((re) => re.test(spec))) out.push(`${file}: imports ${spec}`);
  }
  for (const [re, what] of FORBIDDEN_CODE) if (re.test(code)) out.push(`${file}: uses ${what}`);
  return out;
}

describe('src/domain is pure', () => {
  it('imports no I/O or adapter package and reads neither the environment nor the system time', () => {
    const files = sourceFiles(DOMAIN);
    expect(files.length).toBeGreaterThan(3);
    const violations = files.flatMap((f) => violationsIn(path.relative(DOMAIN, f), readFileSync(f, 'utf8')));
    expect(violations).toEqual([]);
  });

  it('the checker itself catches each forbidden thing', () => {
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import { Client } from 'discord.js';",
      "import OpenAI from 'openai';",
      "import { eq } from 'drizzle-orm';",
      "import postgres from 'postgres';",
      "import { QdrantClient } from '@qdrant/js-client-rest';",
      "import pino from 'pino';",
      "import { x } from '../adapters/db/client';",
      'const a = process.env.X;',
      'const t = Date.now();',
      'const d = new Date();',
    ];
    for (const line of bad) expect(violationsIn('f.ts', line), line).not.toEqual([]);
    expect(violationsIn('f.ts', "import { krw } from './money';\nconst d = new Date(t);")).toEqual([]);
  });
});
