/**
 * Masking of personal identifiers inside free values (evidence, contact values, explanation text), in the
 * formats redaction.ts uses for columns: a phone keeps its first three and last four digits, an e-mail its
 * first character and domain, an address its first two characters, a birth date its year.
 */
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)/g;
const EMAIL = /([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** Phones and e-mails found in a text, masked; everything else unchanged. */
export function maskPersonalText(s: string): string {
  return s.replace(MOBILE, '$1****$2').replace(LANDLINE, '$1****$2').replace(EMAIL, '$1***@$2');
}

export function maskAddress(s: string): string {
  return `${[...s].slice(0, 2).join('')}***`;
}

/** A whole value of a known kind. */
export function maskValue(kind: 'phone' | 'email' | 'address' | 'birth_date', s: string): string {
  switch (kind) {
    case 'address': return maskAddress(s);
    case 'birth_date': return s.slice(0, 4);
    case 'phone': { const d = s.replace(/\s/g, ''); return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : '****'; }
    default: return maskPersonalText(s);
  }
}
