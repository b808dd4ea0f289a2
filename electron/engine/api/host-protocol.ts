// The engine host's protocol, independent of how the parent reaches it (a child_process channel in browser
// mode, a MessagePort from an Electron utilityProcess in the app), so both speak exactly the same messages.
//
//   parent → host: CallMessage ({ type: 'call', id, method, params }), or { type: 'shutdown' }
//   host → parent: { type: 'ready', info } once the workspace is open, or { type: 'fatal', error } and exit;
//                  then ServerMessage ({ type: 'result' | 'progress', ... })
import { callMessageSchema, type CallMessage, type ServerMessage } from '../../contract/api.ts';
import type { ErrorInfo } from '../../contract/result.ts';
import type { WorkspaceInfo } from '../../contract/workspace.ts';
import { toErrorInfo } from '../errors.ts';
import { generateProvince } from '../generator/index.ts';
import { Workspace } from '../workspace/workspace.ts';
import { ApiService } from './service.ts';

export type HostMessage = ServerMessage | { type: 'ready'; info: WorkspaceInfo } | { type: 'fatal'; error: ErrorInfo };
/** Shutdown asks the host to cancel running work and close the workspace before it exits (SIGTERM does the
 *  same where signals exist; a message also works on Windows and over a MessagePort). */
export type ParentMessage = CallMessage | { type: 'shutdown' };

/** The host's end of whatever connects it to its parent. */
export interface HostChannel {
  send(m: HostMessage): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** The parent went away (closed the channel or died). */
  onClose(listener: () => void): void;
}

export interface ServeEngineOptions {
  /** Create the workspace if it does not exist (Workspace.init) instead of refusing (Workspace.open). */
  create?: boolean;
  /** Fill the workspace with the synthetic demo province if it has none yet (the app's first start). */
  demo?: boolean;
  /** Called once the workspace is closed, to end the process. */
  exit(code: number): void;
}

/** Open the workspace and answer calls on the channel until the parent asks for shutdown or goes away. */
export async function serveEngine(channel: HostChannel, dir: string, opts: ServeEngineOptions): Promise<void> {
  let ws: Workspace | undefined;
  try {
    ws = opts.create || opts.demo ? await Workspace.init(dir) : await Workspace.open(dir);
    const opened = ws;
    if (opts.demo && (await opened.info()).synthetic === null) {
      await opened.tasks.run('generate', (t) => generateProvince(opened, { scale: 'demo', seed: 7 }, t));
    }
  } catch (e) {
    await ws?.close().catch(() => undefined);
    channel.send({ type: 'fatal', error: toErrorInfo(e) });
    opts.exit(1);
    return;
  }
  const open = ws;
  const api = new ApiService(open);
  api.onProgress((event) => channel.send({ type: 'progress', event }));
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    api.close(); // cancels every running task
    await open.close().catch(() => undefined);
    opts.exit(0);
  };
  channel.onMessage((raw) => {
    if ((raw as { type?: unknown } | null)?.type === 'shutdown') {
      void close();
      return;
    }
    const m = callMessageSchema.safeParse(raw);
    if (!m.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      channel.send({ type: 'result', id, result: { ok: false, error: { code: 'usage', message: `消息无效 / invalid message: ${m.error.issues[0]?.message}` } } });
      return;
    }
    void api.call(m.data.method, m.data.params).then((result) => channel.send({ type: 'result', id: m.data.id, result }));
  });
  channel.onClose(() => void close());
  process.on('SIGTERM', () => void close());
  channel.send({ type: 'ready', info: await open.info() });
}
