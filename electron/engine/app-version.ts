import { readFileSync } from 'node:fs';

/** This build's version, from package.json (recorded in each workspace and each migration). */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
