// `clearsight serve` and the browser-mode fallback of `npm start`: build the renderer if needed, start the
// server, print the URL (always the first line of stdout), optionally open it, and run until Ctrl-C.
import { spawn } from 'node:child_process';
import { ClearsightError } from '../engine/errors.ts';
import { ensureRendererBuilt, RENDERER_DIST } from './renderer-build.ts';
import { startServer, type RunningServer } from './server.ts';

export interface ServeRequest {
  workspace: string;
  port?: number;
  open?: boolean;
  /** Printed after the URL (npm start says why it is in browser mode). */
  notes?: string[];
}

export async function serveUntilStopped(req: ServeRequest): Promise<number> {
  ensureRendererBuilt();
  let server: RunningServer;
  try {
    server = await startServer({ workspace: req.workspace, port: req.port, rendererDir: RENDERER_DIST });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ClearsightError('usage', `端口 ${req.port} 已被占用 / port ${req.port} is in use`);
    throw e;
  }
  process.stdout.write(`${server.url}\n`);
  for (const n of req.notes ?? []) process.stdout.write(`${n}\n`);
  process.stdout.write(`工作区 / workspace: ${server.info.dir}\n按 Ctrl-C 停止 / press Ctrl-C to stop\n`);
  if (req.open) openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

/** The system's way to open a URL; failing to open is only a note, the URL is already printed. */
function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => process.stderr.write(`无法自动打开浏览器，请手动打开上面的网址 / could not open a browser (${cmd}); open the URL above yourself\n`));
    child.unref();
  } catch {
    process.stderr.write('无法自动打开浏览器 / could not open a browser; open the URL above yourself\n');
  }
}
