// A packaged app must carry DuckDB's native binding for the platform and architecture it targets, unpacked
// from the asar (a .node file and its shared library cannot be loaded from inside one). This checks a
// packaged resources folder: electron-builder's afterPack hook runs it, and so can anyone on a built tree.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type TargetPlatform = 'linux' | 'win32' | 'darwin';
export type TargetArch = 'x64' | 'arm64';

export interface BindingsCheck {
  ok: boolean;
  /** The package that must be there. */
  expected: string;
  /** @duckdb/node-bindings-* packages found (any platform). */
  found: string[];
  problems: string[];
}

const LIBRARY: Record<TargetPlatform, string> = { linux: 'libduckdb.so', win32: 'duckdb.dll', darwin: 'libduckdb.dylib' };

/** Check `resourcesDir` (…/resources of a packaged app) for the binding of platform-arch. */
export function checkPackagedBindings(resourcesDir: string, platform: TargetPlatform, arch: TargetArch): BindingsCheck {
  const expected = `@duckdb/node-bindings-${platform}-${arch}`;
  const problems: string[] = [];
  const unpacked = join(resourcesDir, 'app.asar.unpacked', 'node_modules', '@duckdb');
  const plain = join(resourcesDir, 'app', 'node_modules', '@duckdb'); // an app packaged without asar
  const asar = existsSync(join(resourcesDir, 'app.asar'));
  const scope = existsSync(unpacked) ? unpacked : !asar && existsSync(plain) ? plain : null;
  const found = scope ? readdirSync(scope).filter((n) => n.startsWith('node-bindings-')).map((n) => `@duckdb/${n}`).sort() : [];
  if (!scope) {
    problems.push(asar
      ? `no app.asar.unpacked/node_modules/@duckdb: the native binding must be unpacked (asarUnpack)`
      : `no node_modules/@duckdb in ${resourcesDir}`);
  } else if (!found.includes(expected)) {
    problems.push(`${expected} is missing (found: ${found.join(', ') || 'none'}); install it for the target on a machine of that platform and arch`);
  } else {
    const dir = join(scope, `node-bindings-${platform}-${arch}`);
    for (const f of ['duckdb.node', LIBRARY[platform]]) {
      if (!existsSync(join(dir, f))) problems.push(`${expected} has no ${f}`);
    }
  }
  return { ok: problems.length === 0, expected, found, problems };
}

/** electron-builder's Arch enum (builder-util): ia32 0, x64 1, armv7l 2, arm64 3, universal 4. */
export function archName(arch: number | string): TargetArch | null {
  if (arch === 1 || arch === 'x64') return 'x64';
  if (arch === 3 || arch === 'arm64') return 'arm64';
  return null;
}
