// The engine as the main process sees it: one host process (an Electron utilityProcess in the app) on one
// workspace, spoken to with the host protocol of electron/engine/api/host-protocol.ts. Calls made while it
// starts wait for it; if it dies, calls in flight fail with a clear Err, it is started again per the restart
// policy and listeners get an engine_restarted notice. How the process is started is passed in, so this
// runs (and is tested) without Electron.
import type { ApiMethod, Notice, TaskProgress } from '../contract/api.ts';
import { err, type ErrorInfo, type Result } from '../contract/result.ts';
import type { WorkspaceInfo } from '../contract/workspace.ts';
import type { HostMessage, ParentMessage } from '../engine/api/host-protocol.ts';
import { DEFAULT_RESTART_POLICY, decideRestart, type RestartPolicy } from './engine-restart-policy.ts';

/** One running host process, however it was started. */
export interface EngineLink {
  post(m: ParentMessage): void;
  onMessage(listener: (m: HostMessage) => void): void;
  /** Fires once when the process has ended, for whatever reason. */
  onExit(listener: (code: number | null) => void): void;
  /** End it now (the process gets no chance to close the workspace). */
  kill(): void;
}

export interface EngineTarget { dir: string; create?: boolean; demo?: boolean }
export type SpawnEngine = (target: EngineTarget) => EngineLink;

export interface SupervisorOptions {
  policy?: RestartPolicy;
  /** How long a clean shutdown may take before the process is killed. */
  shutdownMs?: number;
  log?: (line: string) => void;
}

const NOT_RUNNING: ErrorInfo = { code: 'internal', message: '引擎进程未运行 / the engine process is not running' };
const DIED: ErrorInfo = { code: 'internal', message: '引擎进程意外退出，正在重新启动；请重试 / the engine process stopped unexpectedly and is being restarted; please retry' };

export class EngineSupervisor {
  private link: EngineLink | null = null;
  private target: EngineTarget | null = null;
  /** Resolves when the current process is ready (or has failed to start). */
  private ready: Promise<Result<WorkspaceInfo>> | null = null;
  private seq = 0;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly progress = new Set<(e: TaskProgress) => void>();
  private readonly notices = new Set<(n: Notice) => void>();
  private restarts: number[] = [];
  private stopping = false;
  private readonly policy: RestartPolicy;
  private readonly log: (line: string) => void;

  constructor(private readonly spawn: SpawnEngine, private readonly opts: SupervisorOptions = {}) {
    this.policy = opts.policy ?? DEFAULT_RESTART_POLICY;
    this.log = opts.log ?? (() => undefined);
  }

  /** Start the engine on a workspace, stopping the one running first; resolves with its info or the engine's Err. */
  async open(target: EngineTarget): Promise<Result<WorkspaceInfo>> {
    await this.stop();
    this.stopping = false;
    this.target = target;
    this.restarts = [];
    return this.launch(target);
  }

  private launch(target: EngineTarget): Promise<Result<WorkspaceInfo>> {
    const link = this.spawn(target);
    this.link = link;
    let started = false;
    this.ready = new Promise((resolve) => {
      link.onMessage((m) => {
        if (m.type === 'ready') { started = true; resolve({ ok: true, value: m.info }); return; }
        if (m.type === 'fatal') { resolve(err(m.error)); return; }
        if (m.type === 'result') {
          const done = this.pending.get(m.id);
          this.pending.delete(m.id);
          done?.(m.result);
        } else if (m.type === 'progress') {
          for (const l of this.progress) l(m.event);
        }
      });
      link.onExit((code) => {
        if (this.link === link) this.link = null;
        if (!started) {
          resolve(err({ code: 'internal', message: `引擎进程启动失败 / the engine process exited on start (code ${code})` }));
          return;
        }
        this.failPending(DIED);
        if (!this.stopping && this.link === null) void this.afterCrash(code);
      });
    });
    return this.ready;
  }

  private async afterCrash(code: number | null): Promise<void> {
    const target = this.target;
    if (!target) return;
    const now = Date.now();
    const decision = decideRestart(this.restarts, now, this.policy);
    if (!decision.restart) {
      this.log(`engine stopped (code ${code}); ${decision.reason}`);
      this.ready = Promise.resolve(err({ code: 'internal', message: decision.reason }));
      this.notify({ code: 'disconnected', message: decision.reason });
      return;
    }
    this.restarts.push(now);
    this.log(`engine stopped (code ${code}); restart ${decision.attempt} in ${decision.delayMs} ms`);
    // Calls made during the delay wait for the new process rather than failing.
    let release!: (r: Result<WorkspaceInfo>) => void;
    this.ready = new Promise((resolve) => { release = resolve; });
    await new Promise((r) => setTimeout(r, decision.delayMs));
    if (this.stopping || this.target !== target) { release(err(NOT_RUNNING)); return; }
    const started = await this.launch({ ...target, create: false, demo: false });
    release(started);
    if (started.ok) this.notify({ code: 'engine_restarted', message: '引擎进程意外退出，已重新启动；进行中的操作已中止，请重试 / the engine process stopped unexpectedly and was restarted; work in progress was lost, please retry' });
    else this.notify({ code: 'disconnected', message: started.error.message });
  }

  private notify(n: Notice): void {
    for (const l of this.notices) l(n);
  }

  private failPending(error: ErrorInfo): void {
    for (const done of this.pending.values()) done(err(error));
    this.pending.clear();
  }

  /** One contract call (already validated by the IPC layer; the engine validates again). Never throws. */
  async call(method: ApiMethod, params: unknown): Promise<Result<unknown>> {
    const ready = this.ready ? await this.ready : err<WorkspaceInfo>(NOT_RUNNING);
    const link = this.link;
    if (!ready.ok) return ready;
    if (!link) return err(NOT_RUNNING);
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      link.post({ type: 'call', id, method, params });
    });
  }

  onProgress(l: (e: TaskProgress) => void): () => void {
    this.progress.add(l);
    return () => { this.progress.delete(l); };
  }

  onNotice(l: (n: Notice) => void): () => void {
    this.notices.add(l);
    return () => { this.notices.delete(l); };
  }

  get workspaceDir(): string | null {
    return this.target?.dir ?? null;
  }

  /** Clean shutdown: the host cancels running tasks and closes the workspace; killed if it takes too long. */
  async stop(): Promise<void> {
    this.stopping = true;
    const link = this.link;
    if (!link) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => link.kill(), this.opts.shutdownMs ?? 5000);
      link.onExit(() => { clearTimeout(timer); resolve(); });
      link.post({ type: 'shutdown' });
    });
    this.failPending({ code: 'cancelled', message: '工作区已关闭 / the workspace was closed' });
    this.link = null;
  }
}
