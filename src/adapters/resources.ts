import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Absolute path of a file shipped under resources/ (works from src/ under tsx and from tests). */
export function resourcePath(...segments: string[]): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', 'resources', ...segments);
}

export function repoPath(...segments: string[]): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', ...segments);
}
