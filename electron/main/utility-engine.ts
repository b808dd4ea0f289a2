// Starts the engine host in an Electron utilityProcess and connects it with a MessageChannelMain: the first
// message carries the workspace to open and one end of the channel; every later message of the host protocol
// travels on that port. The host is the TypeScript source run through tsx, as in browser mode: the engine
// reads its migrations, models and data files next to its source, so it is not bundled.
import { MessageChannelMain, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HostMessage, UtilityInit } from '../engine/api/host.ts';
import type { EngineLink, SpawnEngine } from './engine-supervisor.ts';

export function utilityEngine(appRoot: string): SpawnEngine {
  const host = join(appRoot, 'electron', 'engine', 'api', 'host.ts');
  const tsx = pathToFileURL(join(appRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return (target) => {
    const child = utilityProcess.fork(host, [], {
      serviceName: 'Clearsight engine',
      execArgv: ['--import', tsx],
      stdio: 'inherit',
    });
    const { port1, port2 } = new MessageChannelMain();
    const init: UtilityInit = { type: 'init', dir: target.dir, create: target.create ?? false, demo: target.demo ?? false };
    child.postMessage(init, [port2]);
    port1.start();
    const link: EngineLink = {
      post: (m) => port1.postMessage(m),
      onMessage: (l) => { port1.on('message', (e) => l(e.data as HostMessage)); },
      onExit: (l) => { child.once('exit', (code) => { port1.close(); l(code); }); },
      kill: () => { child.kill(); },
    };
    return link;
  };
}
