/**
 * Bytes to text. Korean feeds still ship EUC-KR; the charset comes from the Content-Type header, else from the
 * XML declaration, else UTF-8. An unknown label falls back to UTF-8 instead of failing the feed.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null): string {
  const label = charsetFromContentType(contentType) ?? charsetFromXmlDeclaration(bytes) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function charsetFromContentType(contentType: string | null): string | undefined {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m?.[1];
}

function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^\s*(?:\ufeff|ï»¿)?<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m?.[1];
}
