/** With CLEARSIGHT_DEBUG set, how long a statement or step took, on stderr (for profiling slow work). */
export function debugTiming(t0: number, what: string): void {
  if (process.env.CLEARSIGHT_DEBUG) process.stderr.write(`  ${Date.now() - t0} ms  ${what.trim().slice(0, 70).replace(/\s+/g, ' ')}\n`);
}
