// The secret of one browser-mode session. It is the first segment of every path (/<token>/, /<token>/assets/…,
// /<token>/api): the page's relative URLs carry it to every asset and to the WebSocket without cookies, and a
// request without it, or with a wrong one, is refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 192 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Split a request path into its token and the rest, if the token is the right one; null otherwise.
 * Compared in constant time, so response timing tells nothing about how much of a guess was right.
 */
export function checkTokenPath(path: string, token: string): { rest: string } | null {
  const m = /^\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(path);
  if (!m) return null;
  const given = Buffer.from(m[1]!);
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { rest: m[2] ?? '' };
}

/**
 * Only requests addressed to this server by its loopback name: a web page elsewhere that points a DNS name
 * at 127.0.0.1 (DNS rebinding) sends its own name in Host, and is refused.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
