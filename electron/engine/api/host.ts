// The engine in a process of its own (child_process.fork by browser mode; an Electron utilityProcess later):
// it opens one workspace and answers the contract's call messages on the process channel, pushing progress
// events as they come. A long query here never blocks the process that talks to the user.
//
//   parent → host: CallMessage ({ type: 'call', id, method, params })
//   host → parent: { type: 'ready', info } once the workspace is open, or { type: 'fatal', error } and exit;
//                  then ServerMessage ({ type: 'result' | 'progress', ... })
import { callMessageSchema, type ServerMessage } from '../../contract/api.ts';
import type { ErrorInfo } from '../../contract/result.ts';
import type { WorkspaceInfo } from '../../contract/workspace.ts';
import { toErrorInfo } from '../errors.ts';
import { Workspace } from '../workspace/workspace.ts';
import { ApiService } from './service.ts';

export type HostMessage = ServerMessage | { type: 'ready'; info: WorkspaceInfo } | { type: 'fatal'; error: ErrorInfo };

const send = (m: HostMessage) => process.send?.(m);

async function main(dir: string, create: boolean): Promise<void> {
  let ws: Workspace;
  try {
    // --create: the Data screen's "new workspace" (init refuses a non-empty folder that is not one).
    ws = create ? await Workspace.init(dir) : await Workspace.open(dir);
  } catch (e) {
    send({ type: 'fatal', error: toErrorInfo(e) });
    process.disconnect?.();
    return;
  }
  const api = new ApiService(ws);
  api.onProgress((event) => send({ type: 'progress', event }));
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    api.close();
    await ws.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (raw) => {
    const m = callMessageSchema.safeParse(raw);
    if (!m.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      send({ type: 'result', id, result: { ok: false, error: { code: 'usage', message: `消息无效 / invalid message: ${m.error.issues[0]?.message}` } } });
      return;
    }
    void api.call(m.data.method, m.data.params).then((result) => send({ type: 'result', id: m.data.id, result }));
  });
  // The parent went away (closed the channel or died): release the workspace.
  process.on('disconnect', () => void close());
  process.on('SIGTERM', () => void close());
  send({ type: 'ready', info: await ws.info() });
}

const dir = process.argv[2];
if (!dir || !process.send) {
  process.stderr.write('engine host: run by the browser-mode server (child_process.fork with a workspace folder)\n');
  process.exit(2);
}
void main(dir, process.argv[3] === '--create');
