// When the engine process dies, start it again after a short, growing delay, unless it has died too often
// lately (a workspace that crashes DuckDB every time must not spin forever): then stop and say so.
export interface RestartPolicy {
  /** Restarts allowed within windowMs. */
  maxRestarts: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 3, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 4_000 };

export type RestartDecision =
  | { restart: true; delayMs: number; attempt: number }
  | { restart: false; reason: string };

/** Decide after a crash at `now`, given the times of the restarts done before (any order). */
export function decideRestart(previousRestarts: readonly number[], now: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): RestartDecision {
  const recent = previousRestarts.filter((t) => now - t < policy.windowMs).length;
  if (recent >= policy.maxRestarts) {
    return {
      restart: false,
      reason: `引擎进程在 ${Math.round(policy.windowMs / 1000)} 秒内已重启 ${recent} 次，不再自动重启；请重新打开工作区 / `
        + `the engine process was restarted ${recent} times within ${Math.round(policy.windowMs / 1000)} s; not restarting it again (reopen the workspace)`,
    };
  }
  return { restart: true, delayMs: Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** recent), attempt: recent + 1 };
}
