import { readFileSync } from 'node:fs';

/** The catalog's reference model SQL (Appendix B) as temporary views, for checking planted cases. */
export function catalogReferenceSql(): string {
  return readFileSync(new URL('./catalog-reference.sql', import.meta.url), 'utf8');
}
