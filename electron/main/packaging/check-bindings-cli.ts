// node --import tsx electron/main/packaging/check-bindings-cli.ts RESOURCES_DIR PLATFORM ARCH (x64|arm64|1|3)
// Exit 0 when the packaged tree has the right @duckdb/node-bindings-*, 1 (with the problems) when not.
import { archName, checkPackagedBindings, type TargetPlatform } from './check-bindings.ts';

const [dir, platform, arch] = process.argv.slice(2);
// electron-builder's hook passes its Arch enum as a number ("1" x64, "3" arm64); people type the names.
const a = arch ? archName(/^\d+$/.test(arch) ? Number(arch) : arch) : null;
if (!dir || !platform || !['linux', 'win32', 'darwin'].includes(platform) || !a) {
  process.stderr.write('usage: check-bindings-cli.ts RESOURCES_DIR linux|win32|darwin x64|arm64\n');
  process.exit(2);
}
const r = checkPackagedBindings(dir, platform as TargetPlatform, a);
if (r.ok) process.stdout.write(`packaged DuckDB binding ok: ${r.expected}\n`);
else process.stderr.write(`packaged DuckDB binding check failed for ${r.expected}:\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`);
process.exit(r.ok ? 0 : 1);
