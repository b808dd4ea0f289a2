/** SQL literals for the generator's own constants (word lists, validated integers); never for user input. */
export function strList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')}]`;
}

export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
}
