// The engine host as a child process of the browser-mode server: calls go to it over the process channel,
// results and progress come back. If it dies, calls in flight fail with a clear message and it is started
// again (a few times at most), so a crash in DuckDB never takes the server down.
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requestSchemas, type ApiMethod, type TaskProgress } from '../contract/api.ts';
import { err, ok, type ErrorInfo, type Result } from '../contract/result.ts';
import type { WorkspaceInfo } from '../contract/workspace.ts';
import type { HostMessage } from '../engine/api/host.ts';
import { ClearsightError, toErrorInfo } from '../engine/errors.ts';

const HOST = fileURLToPath(new URL('../engine/api/host.ts', import.meta.url));
const MAX_RESTARTS = 3;

export class EngineProcess {
  private child: ChildProcess | null = null;
  private seq = 0;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly progress = new Set<(e: TaskProgress) => void>();
  private readonly restartListeners = new Set<(message: string) => void>();
  private restarts = 0;
  private stopping = false;
  private switching = false;
  private readonly switchListeners = new Set<(info: WorkspaceInfo) => void>();

  private constructor(private workspace: string) {}

  /** Start the engine on a workspace; rejects with the engine's own error (in use, not found, ...). */
  static async start(workspace: string): Promise<{ engine: EngineProcess; info: WorkspaceInfo }> {
    const engine = new EngineProcess(workspace);
    const info = await engine.spawn();
    return { engine, info };
  }

  private spawn(create = false): Promise<WorkspaceInfo> {
    return new Promise((resolve, reject) => {
      // tsx runs the TypeScript engine as the CLI does: no build step.
      const child = fork(HOST, [this.workspace, ...(create ? ['--create'] : [])], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      this.child = child;
      let ready = false;
      child.on('message', (m: HostMessage) => {
        if (m.type === 'ready') { ready = true; resolve(m.info); return; }
        if (m.type === 'fatal') { reject(new ClearsightError(m.error.code, m.error.message)); return; }
        if (m.type === 'result') {
          const done = this.pending.get(m.id);
          this.pending.delete(m.id);
          done?.(m.result);
        } else if (m.type === 'progress') {
          for (const l of this.progress) l(m.event);
        }
      });
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        if (!ready) {
          reject(new ClearsightError('internal', `引擎进程启动失败 / the engine process exited on start (code ${code}, signal ${signal})`));
          return;
        }
        this.failPending({ code: 'internal', message: '引擎进程意外退出，正在重新启动；请重试 / the engine process stopped unexpectedly and is being restarted; please retry' });
        if (!this.stopping) void this.restart(code, signal);
      });
    });
  }

  private async restart(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    if (this.restarts >= MAX_RESTARTS) {
      process.stderr.write(`clearsight serve: the engine stopped ${this.restarts + 1} times; not restarting it again\n`);
      return;
    }
    this.restarts++;
    process.stderr.write(`clearsight serve: the engine stopped (code ${code}, signal ${signal}); restarting it\n`);
    try {
      await this.spawn();
      const message = '引擎进程已重新启动 / the engine process was restarted';
      for (const l of this.restartListeners) l(message);
    } catch (e) {
      process.stderr.write(`clearsight serve: the engine could not be restarted: ${(e as Error).message}\n`);
    }
  }

  private failPending(error: ErrorInfo): void {
    for (const done of this.pending.values()) done(err(error));
    this.pending.clear();
  }

  /** One contract call; the params are validated again by the engine. Never throws. */
  call(method: ApiMethod, params: unknown): Promise<Result<unknown>> {
    if (method === 'openWorkspace' || method === 'createWorkspace') return this.switchWorkspace(method, params);
    const child = this.child;
    if (!child?.connected) return Promise.resolve(err({ code: 'internal', message: '引擎进程未运行 / the engine process is not running' }));
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      child.send({ type: 'call', id, method, params });
    });
  }

  /**
   * Open (or create) another workspace: the engine process on the current one ends (closing it cleanly, which
   * frees its lock) and a new one starts on the other folder. If that fails (in use, not a workspace, a newer
   * version), the engine is started on the previous workspace again and the call says why.
   */
  private async switchWorkspace(method: 'openWorkspace' | 'createWorkspace', params: unknown): Promise<Result<unknown>> {
    const parsed = requestSchemas[method].safeParse(params ?? {});
    if (!parsed.success) return err({ code: 'usage', message: `请求无效 / invalid request for ${method}: ${parsed.error.issues[0]?.message}` });
    if (this.switching) return err({ code: 'in_use', message: '正在切换工作区 / a workspace switch is already under way' });
    if (this.pending.size > 0) return err({ code: 'in_use', message: '有任务正在运行，请等它结束或取消后再切换工作区 / a task is running: let it finish or cancel it before switching workspaces' });
    const previous = this.workspace;
    this.switching = true;
    try {
      await this.endChild();
      this.workspace = resolve(parsed.data.dir);
      try {
        const info = await this.spawn(method === 'createWorkspace');
        this.restarts = 0;
        for (const l of this.switchListeners) l(info);
        return ok(info);
      } catch (e) {
        this.workspace = previous;
        try {
          await this.spawn();
        } catch (again) {
          return err({ code: 'internal', message: `${toErrorInfo(e).message}；且无法重新打开原工作区 / and the previous workspace could not be reopened: ${(again as Error).message}` });
        }
        return err(toErrorInfo(e));
      }
    } finally {
      this.switching = false;
    }
  }

  /** End the engine process without the restart that an unexpected exit gets. */
  private async endChild(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.stopping = true;
    try {
      await new Promise<void>((done) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => { clearTimeout(timer); done(); });
        child.kill('SIGTERM');
      });
    } finally {
      this.stopping = false;
    }
  }

  onWorkspaceChange(l: (info: WorkspaceInfo) => void): () => void {
    this.switchListeners.add(l);
    return () => this.switchListeners.delete(l);
  }

  onProgress(l: (e: TaskProgress) => void): () => void {
    this.progress.add(l);
    return () => this.progress.delete(l);
  }

  onRestart(l: (message: string) => void): () => void {
    this.restartListeners.add(l);
    return () => this.restartListeners.delete(l);
  }

  /** The engine's process id (tests use it to stop the engine on purpose). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Close the workspace and end the process (SIGKILL if it does not end within a few seconds). */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    });
  }
}
