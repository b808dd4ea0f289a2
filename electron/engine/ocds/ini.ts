import { ClearsightError } from '../errors.ts';

/** A value of an INI file with the line it came from, for error messages. */
export interface IniEntry { value: string; line: number }

/** An INI document: keys before the first section, then each [section] by its name as written (dots and all). */
export interface IniDocument {
  top: Map<string, IniEntry>;
  sections: Map<string, { line: number; keys: Map<string, IniEntry> }>;
}

/**
 * Parse INI text as Cardinal's settings files are written: `[section]` headers, `key = value` (or
 * `key: value`) lines, comments on their own line after `;` or `#`, and after a `;` or `#` that follows a
 * space (`digits = 2 # default`). Values are trimmed; a value in matching quotes loses them. A key given
 * twice keeps its last value. Anything else is an error naming the line.
 */
export function parseIni(text: string, file?: string): IniDocument {
  const doc: IniDocument = { top: new Map(), sections: new Map() };
  let keys = doc.top;
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === '' || s.startsWith(';') || s.startsWith('#')) return;
    const header = /^\[([^\]]*)\]$/.exec(stripComment(s));
    if (header) {
      const name = header[1]!.trim();
      if (name === '') throw bad(file, line, '空的节名 / empty section name');
      const section = doc.sections.get(name) ?? { line, keys: new Map<string, IniEntry>() };
      doc.sections.set(name, section);
      keys = section.keys;
      return;
    }
    const sep = s.search(/[=:]/);
    if (sep <= 0) throw bad(file, line, `应为 键 = 值 / expected key = value (got '${s}')`);
    const key = s.slice(0, sep).trim();
    let value = stripComment(s.slice(sep + 1)).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    keys.set(key, { value, line });
  });
  return doc;
}

/** The text before an inline comment: a `;` or `#` that follows whitespace. */
function stripComment(s: string): string {
  const m = /\s[;#]/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

function bad(file: string | undefined, line: number, message: string): ClearsightError {
  return new ClearsightError('bad_input', `设置文件格式错误 / bad settings file: ${message}`, { file, row: line });
}
