// The import rules of DESIGN.md ("Import direction: contract ← engine ← cli/web/main; contract ← renderer.
// Nothing imports renderer; the engine never imports electron; the renderer never imports Node modules or
// DuckDB"), as a scanner over source text. Imports are read with the TypeScript parser, so comments,
// strings and JSX text are never mistaken for imports.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { extname, join, posix } from 'node:path';
import ts from 'typescript';

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

/** Folders scanned, relative to the repository root (those that exist). */
export const SCANNED_ROOTS = ['electron', 'renderer', 'models'];
/** The renderer's bundler config: Node code that builds the page, exempt from the renderer's rules. */
export const RENDERER_BUILD_CONFIG = 'renderer/vite.config.ts';
const SOURCE_EXT = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/** Every source file under root/<dir> for the scanned dirs, as repo-relative posix paths, sorted. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return; // a scanned root that does not exist yet
    }
    for (const e of entries) {
      const p = posix.join(rel, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'dist') walk(p);
      } else if (e.isFile() && SOURCE_EXT.has(extname(e.name))) {
        out.push(p);
      }
    }
  };
  for (const r of SCANNED_ROOTS) walk(r);
  return out.sort();
}

/**
 * Every module specifier a file refers to: static imports (including `import type`), re-exports,
 * `import x = require()`, dynamic `import()`, `require()` calls and `import('x')` types.
 */
export function importSpecifiers(fileName: string, text: string): string[] {
  const ext = extname(fileName);
  const kind = ext === '.tsx' ? ts.ScriptKind.TSX
    : ext === '.jsx' ? ts.ScriptKind.JSX
      : ['.js', '.mjs', '.cjs'].includes(ext) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const out: string[] = [];
  const literal = (n: ts.Node | undefined) => {
    if (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))) out.push(n.text);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) {
      literal(n.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      literal(n.moduleReference.expression);
    } else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isRequireResolve = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
        && callee.expression.text === 'require' && callee.name.text === 'resolve';
      if (isImport || isRequire || isRequireResolve) literal(n.arguments[0]);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      literal(n.argument.literal);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

export type Target =
  | { kind: 'builtin'; name: string }
  | { kind: 'package'; name: string }
  | { kind: 'local'; path: string };

const BUILTINS = new Set(builtinModules);

/** What a specifier in file `from` (repo-relative posix path) refers to. */
export function classify(from: string, specifier: string): Target {
  if (specifier.startsWith('node:')) return { kind: 'builtin', name: specifier.slice(5) };
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const path = specifier.startsWith('/') ? specifier : posix.normalize(posix.join(posix.dirname(from), specifier));
    return { kind: 'local', path };
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (BUILTINS.has(specifier) || BUILTINS.has(name)) return { kind: 'builtin', name };
  return { kind: 'package', name };
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
const inAny = (path: string, dirs: string[]) => dirs.some((d) => under(path, d));

/** The import rules, applied to one file's text. `file` is repo-relative with forward slashes. */
export function checkImports(file: string, text: string): Violation[] {
  const out: Violation[] = [];
  for (const specifier of importSpecifiers(file, text)) {
    const t = classify(file, specifier);
    const bad = (rule: string) => out.push({ file, specifier, rule });
    const local = t.kind === 'local' ? t.path : null;

    if (local !== null && under(local, 'renderer') && !under(file, 'renderer')) {
      bad('nothing outside renderer/ imports renderer/');
    }

    if (under(file, 'electron/engine')) {
      if (t.kind === 'package' && t.name === 'electron') bad('the engine never imports electron');
      if (local !== null && inAny(local, ['electron/main', 'electron/preload', 'electron/web', 'electron/cli'])) {
        bad('the engine never imports electron/{main,preload,web,cli}');
      }
    }

    if (under(file, 'electron/contract')) {
      const allowed = (local !== null && under(local, 'electron/contract')) || (t.kind === 'package' && t.name === 'zod');
      if (!allowed) bad('electron/contract imports only electron/contract and zod');
    }

    // renderer/vite.config.ts is build tooling that runs in Node, not part of the page.
    if (under(file, 'renderer') && file !== RENDERER_BUILD_CONFIG) {
      if (t.kind === 'builtin') bad('the renderer never imports Node built-ins');
      if (t.kind === 'package' && (t.name.startsWith('@duckdb/') || t.name === 'duckdb')) bad('the renderer never imports DuckDB');
      if (t.kind === 'package' && t.name === 'electron') bad('the renderer never imports electron');
      if (local !== null && under(local, 'electron') && !under(local, 'electron/contract')) {
        bad('the renderer reaches electron/ only through electron/contract');
      }
    }

    if (under(file, 'electron/cli') || under(file, 'electron/web')) {
      if (local !== null && inAny(local, ['electron/main', 'electron/preload'])) {
        bad('cli and web never import electron/main or electron/preload');
      }
    }

    // The preload runs sandboxed in the page's process: electron's renderer modules and the contract, nothing else.
    if (under(file, 'electron/preload')) {
      const allowed = (t.kind === 'package' && t.name === 'electron') || (t.kind === 'package' && t.name === 'zod')
        || (local !== null && inAny(local, ['electron/preload', 'electron/contract']));
      if (!allowed) bad('electron/preload imports only electron, zod and electron/{preload,contract}');
    }

    if (under(file, 'electron/main') && local !== null && inAny(local, ['electron/web', 'electron/cli', 'electron/preload'])) {
      bad('electron/main never imports electron/{web,cli,preload}');
    }

    if (under(file, 'electron/web') && t.kind === 'package' && t.name === 'electron') {
      bad('browser mode never imports electron');
    }
  }
  return out;
}
