// The Content-Security-Policy of every app:// response. Nothing remote: no scripts, styles, fonts, images or
// connections from anywhere but the app itself. ag-grid and ECharts set inline styles, hence style-src
// 'unsafe-inline'; no inline or eval'd script. The engine is reached over IPC, so connect-src needs no socket.
export const CONTENT_SECURITY_POLICY = [
  `default-src 'none'`,
  `script-src 'self'`,
  `style-src 'self' 'unsafe-inline'`,
  `img-src 'self' data: blob:`,
  `font-src 'self' data:`,
  `connect-src 'self'`,
  `worker-src 'self' blob:`,
  `object-src 'none'`,
  `base-uri 'none'`,
  `frame-src 'none'`,
  `frame-ancestors 'none'`,
  `form-action 'none'`,
].join('; ');

/** Headers on every app:// response. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
