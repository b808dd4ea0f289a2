// Browser mode: a loopback-only HTTP server that serves the built renderer and the contract over one
// WebSocket, with the engine in a child process. Every request needs the session token (see token.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { callMessageSchema, type ServerMessage } from '../contract/api.ts';
import type { WorkspaceInfo } from '../contract/workspace.ts';
import { EngineProcess } from './engine-process.ts';
import { resolveStatic, sendFile } from './static-files.ts';
import { checkTokenPath, isLoopbackHost, newToken } from './token.ts';

export interface ServeOptions {
  workspace: string;
  /** 0 (the default) picks a free port at random. */
  port?: number;
  /** The built renderer folder. */
  rendererDir: string;
  /** Fixed token (tests); a random one by default. */
  token?: string;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/TOKEN/ */
  url: string;
  port: number;
  token: string;
  info: WorkspaceInfo;
  engine: EngineProcess;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function securityHeaders(port: number): Record<string, string> {
  return {
    // Nothing but this server: no remote scripts, styles, fonts or connections. ag-grid and ECharts set
    // inline styles on elements, hence style-src 'unsafe-inline'; no inline scripts.
    'Content-Security-Policy': [`default-src 'self'`, `script-src 'self'`, `style-src 'self' 'unsafe-inline'`,
      `img-src 'self' data: blob:`, `font-src 'self' data:`, `connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}`,
      `object-src 'none'`, `base-uri 'none'`, `frame-ancestors 'none'`, `form-action 'none'`].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}

const FORBIDDEN = '403 需要有效的访问令牌：请打开 clearsight serve 打印的完整网址 / a valid token is required: open the full URL that clearsight serve printed';

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  const { engine, info } = await EngineProcess.start(opts.workspace);
  const sockets = new Set<WebSocket>();
  const broadcast = (m: ServerMessage) => {
    const text = JSON.stringify(m);
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(text);
  };
  engine.onProgress((event) => broadcast({ type: 'progress', event }));
  engine.onRestart((message) => broadcast({ type: 'notice', code: 'engine_restarted', message }));
  engine.onWorkspaceChange((ws) => broadcast({ type: 'notice', code: 'workspace_changed', message: `已打开工作区 / opened workspace ${ws.dir}` }));

  let port = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!isLoopbackHost(req.headers.host, port)) return refuse(res, 403, '403 只接受本机地址 / only loopback host names are accepted');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, '405 method not allowed');
    const path = (req.url ?? '/').split('?')[0]!;
    const t = checkTokenPath(path, token);
    if (!t) return refuse(res, 403, FORBIDDEN);
    // /TOKEN → /TOKEN/, so the page's relative URLs keep the token.
    if (t.rest === '') {
      res.writeHead(302, { Location: `/${token}/` });
      res.end();
      return;
    }
    const file = resolveStatic(opts.rendererDir, t.rest);
    if (!file) return refuse(res, 404, '404 not found');
    sendFile(res, file, securityHeaders(port));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0]!;
    const t = checkTokenPath(path, token);
    const origin = req.headers.origin;
    const originOk = origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;
    if (!isLoopbackHost(req.headers.host, port) || !t || t.rest !== '/api' || !originOk) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${FORBIDDEN}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  /** One browser tab: its call ids are its own; results go back to it alone, progress to every tab. */
  function attach(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      let raw: unknown;
      try {
        raw = isBinary ? undefined : JSON.parse(data.toString());
      } catch { /* answered below */ }
      const m = callMessageSchema.safeParse(raw);
      if (!m.success) {
        const id = typeof (raw as { id?: unknown } | undefined)?.id === 'number' ? (raw as { id: number }).id : -1;
        const reply: ServerMessage = { type: 'result', id, result: { ok: false, error: { code: 'usage', message: `消息无效 / invalid message: ${m.error.issues[0]?.path.join('.')}: ${m.error.issues[0]?.message}` } } };
        ws.send(JSON.stringify(reply));
        return;
      }
      void engine.call(m.data.method, m.data.params).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: m.data.id, result } satisfies ServerMessage));
      });
    });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, HOST, () => resolve());
    });
  } catch (e) {
    await engine.stop();
    throw e;
  }
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/${token}/`, port, token, info, engine,
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.stop();
    },
  };
}
