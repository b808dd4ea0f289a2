import { createHmac } from 'node:crypto';

/**
 * Personal ID numbers (身份证号) are stored only as HMAC-SHA256 under a workspace key, so the
 * same person matches across tables and imports while the number itself is never kept.
 */
export function idNoHash(key: Buffer, idNo: string): string {
  return createHmac('sha256', key).update(normalizeIdNo(idNo)).digest('hex');
}

/** ID numbers compare without spaces and with an upper-case check character X. */
export function normalizeIdNo(idNo: string): string {
  return idNo.replace(/\s+/g, '').toUpperCase();
}

/** The inner and outer HMAC pads of a key, hex-encoded, for computing the same hash inside DuckDB. */
export function hmacPads(key: Buffer): { ipad: string; opad: string } {
  if (key.length > 64) throw new Error('HMAC key longer than the SHA-256 block');
  const pad = (byte: number) => Buffer.from(Array.from({ length: 64 }, (_, i) => (key[i] ?? 0) ^ byte)).toString('hex');
  return { ipad: pad(0x36), opad: pad(0x5c) };
}
