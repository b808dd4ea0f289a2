// What the app remembers between starts (window state, language, last workspace), as one JSON file in the
// user-data folder. A missing or damaged file means defaults, never a failed start.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const settingsSchema = z.object({
  window: z.unknown().optional(),
  lang: z.enum(['zh', 'en']).optional(),
  lastWorkspace: z.string().max(4096).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(file: string): Settings {
  try {
    const p = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return p.success ? p.data : {};
  } catch {
    return {};
  }
}

/** Write via a temp file and rename, so a crash mid-write never leaves half a file. */
export function writeSettings(file: string, settings: Settings): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}
