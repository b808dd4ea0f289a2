// electron-builder's afterPack hook: refuse a packaged tree without DuckDB's native binding for its target
// (electron/main/packaging/check-bindings.ts, run through tsx like the rest of the TypeScript).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

exports.default = async function afterPack(context) {
  const platform = context.electronPlatformName; // linux | win32 | darwin
  const resources = platform === 'darwin'
    ? join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : join(context.appOutDir, 'resources');
  const root = join(__dirname, '..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/main/packaging/check-bindings-cli.ts'), resources, platform, String(context.arch)],
    { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`packaged DuckDB binding check failed for ${platform}-${context.arch}`);
};
