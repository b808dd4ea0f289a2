// The renderer's one way to the engine: window.clearsight in Electron (the preload exposes the contract),
// otherwise browser mode's WebSocket at ./api beside the page, whose URL carries the session token.
import {
  API_METHODS, type ApiMethod, type ApiRequest, type ApiResponses, type ClearsightApi, type Notice, type ServerMessage,
  type TaskProgress,
} from '../../../electron/contract/api.ts';
import type { Result } from '../../../electron/contract/result.ts';

declare global {
  interface Window {
    clearsight?: ClearsightApi;
  }
}

export function connectApi(): ClearsightApi {
  return window.clearsight ?? webSocketApi(socketUrl());
}

/** ws://127.0.0.1:PORT/TOKEN/api for a page at http://127.0.0.1:PORT/TOKEN/. */
function socketUrl(): string {
  const u = new URL('api', window.location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.search = '';
  u.hash = '';
  return u.toString();
}

/** A client-chosen task id, so a call can be cancelled before its first progress event arrives. */
export function newTaskId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function webSocketApi(url: string): ClearsightApi {
  const progress = new Set<(e: TaskProgress) => void>();
  const notices = new Set<(n: Notice) => void>();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let seq = 0;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let wasConnected = false;

  const notify = (n: Notice) => notices.forEach((l) => l(n));

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const s = new WebSocket(url);
      s.onopen = () => {
        socket = s;
        if (wasConnected) notify({ code: 'reconnected', message: '已重新连接 / reconnected' });
        wasConnected = true;
        resolve(s);
      };
      s.onmessage = (ev) => {
        const m = JSON.parse(String(ev.data)) as ServerMessage;
        if (m.type === 'result') {
          const done = pending.get(m.id);
          pending.delete(m.id);
          done?.(m.result);
        } else if (m.type === 'progress') {
          progress.forEach((l) => l(m.event));
        } else if (m.type === 'notice') {
          notify({ code: m.code, message: m.message });
        }
      };
      s.onclose = () => {
        const lost: Result<unknown> = { ok: false, error: { code: 'internal', message: '与引擎的连接已断开 / the connection to the engine was lost' } };
        pending.forEach((done) => done(lost));
        pending.clear();
        socket = null;
        opened = null;
        if (wasConnected) notify({ code: 'disconnected', message: '与引擎的连接已断开，正在重连… / connection lost, reconnecting…' });
        reject(new Error('connection closed'));
        // Reconnect in the background; the next call would also try.
        if (wasConnected) setTimeout(() => void connect().catch(() => undefined), 1000);
      };
    });
    return opened;
  }

  async function call(method: ApiMethod, params: unknown): Promise<Result<unknown>> {
    let s: WebSocket;
    try {
      s = socket ?? await connect();
    } catch {
      return { ok: false, error: { code: 'internal', message: '无法连接引擎（令牌无效或服务已停止）/ cannot reach the engine (wrong token, or the server stopped)' } };
    }
    const id = ++seq;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      s.send(JSON.stringify({ type: 'call', id, method, params }));
    });
  }

  const api = {
    onProgress(l: (e: TaskProgress) => void) { progress.add(l); return () => { progress.delete(l); }; },
    onNotice(l: (n: Notice) => void) { notices.add(l); return () => { notices.delete(l); }; },
  } as Partial<ClearsightApi> as Record<string, unknown>;
  for (const m of API_METHODS) api[m] = (req: unknown) => call(m, req ?? {});
  return api as unknown as ClearsightApi;
}

/** The value of an Ok, or throw the Err's message (for code paths that show errors in one place). */
export async function unwrap<M extends ApiMethod>(p: Promise<Result<ApiResponses[M]>>): Promise<ApiResponses[M]> {
  const r = await p;
  if (!r.ok) throw new ApiError(r.error.code, r.error.message);
  return r.value;
}

export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export type { ApiRequest };
