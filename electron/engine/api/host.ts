// The engine in a process of its own, so a long query or a crash in DuckDB never blocks or takes down the
// process that talks to the user. Two parents start it:
//   - browser mode: child_process.fork(host.ts, [workspaceDir, '--create'?, '--demo'?]) and the process channel;
//   - the Electron app: utilityProcess.fork, then a first message { type: 'init', dir, create } on
//     process.parentPort carrying the MessagePort that every later message travels on.
// Both speak the protocol of host-protocol.ts. (process.parentPort is Electron's; it is read off `process`
// so the engine never imports electron.)
import { serveEngine, type HostChannel, type HostMessage } from './host-protocol.ts';

export type { HostMessage, ParentMessage } from './host-protocol.ts';

/** The utility process's first message: which workspace to open. */
export interface UtilityInit { type: 'init'; dir: string; create?: boolean; demo?: boolean }

interface PortLike {
  on(event: 'message', l: (e: { data: unknown; ports: PortLike[] }) => void): void;
  on(event: 'close', l: () => void): void;
  postMessage(m: unknown): void;
  start(): void;
}
interface ParentPortLike {
  once(event: 'message', l: (e: { data: unknown; ports: PortLike[] }) => void): void;
}

// A failed start disconnects instead of exiting at once, so the 'fatal' message is delivered first.
const forkExit = (code: number) => (code === 0 ? process.exit(0) : void process.disconnect?.());
// A MessagePort has no flush: give the 'fatal' message a moment to leave before the process ends.
const portExit = (code: number) => (code === 0 ? process.exit(0) : void setTimeout(() => process.exit(code), 200));

function forkChannel(): HostChannel {
  return {
    send: (m: HostMessage) => void process.send?.(m),
    onMessage: (l) => void process.on('message', l),
    onClose: (l) => void process.on('disconnect', l),
  };
}

function portChannel(port: PortLike): HostChannel {
  port.start();
  return {
    send: (m) => port.postMessage(m),
    onMessage: (l) => port.on('message', (e) => l(e.data)),
    onClose: (l) => port.on('close', l),
  };
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  parentPort.once('message', (e) => {
    const init = e.data as Partial<UtilityInit> | null;
    const port = e.ports[0];
    if (init?.type !== 'init' || typeof init.dir !== 'string' || !port) {
      process.stderr.write('engine host: the first message must be { type: "init", dir } with a MessagePort\n');
      process.exit(2);
      return;
    }
    void serveEngine(portChannel(port), init.dir, { create: init.create === true, demo: init.demo === true, exit: portExit });
  });
} else {
  const dir = process.argv[2];
  if (!dir || !process.send) {
    process.stderr.write('engine host: run by browser mode (child_process.fork with a workspace folder) or the Electron app (utilityProcess)\n');
    process.exit(2);
  }
  void serveEngine(forkChannel(), dir, { create: process.argv.includes('--create'), demo: process.argv.includes('--demo'), exit: forkExit });
}
