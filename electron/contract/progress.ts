// One progress mechanism for every long operation (import, generation, model runs, export).

export type TaskKind = 'init' | 'generate' | 'import' | 'run' | 'export';

export interface ProgressEvent {
  taskId: string;
  kind: TaskKind;
  /** What is happening now, in Chinese and English (the UI picks one). */
  step: { zh: string; en: string };
  /** Units completed and expected; total is 0 when unknown. */
  done: number;
  total: number;
  unit: 'steps' | 'rows' | 'bytes' | 'models';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  elapsedMs: number;
}
