import { createHash } from 'node:crypto';

/** Namespace of kis-desk memory ids (a fixed random UUID): changing it would orphan every stored point. */
const MEMORY_NAMESPACE = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';

/** Qdrant point ids must be UUIDs or integers: a memory id maps to the same UUID every time. */
export function pointIdFor(memoryId: string): string {
  return uuidV5(memoryId, MEMORY_NAMESPACE);
}

/** RFC 4122 name-based UUID (SHA-1, version 5). */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
