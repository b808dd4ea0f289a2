import { ClearsightError } from '../../engine/errors.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';

export const usage = 'hits --workspace DIR [--run latest|RUN_ID] [--model ID]... --format jsonl|csv';

const COLUMNS = ['analysis_run_id', 'model_id', 'severity', 'subject_type', 'subject_id', 'tender_id', 'lot_id', 'org_id', 'person_id',
  'contract_id', 'lease_id', 'buyer_org_id', 'amount_cny', 'score', 'occurred_on', 'region_code', 'fingerprint', 'evidence'];

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, {
    workspace: { type: 'string' }, run: { type: 'string', default: 'latest' }, model: { type: 'string', multiple: true },
    format: { type: 'string', default: 'jsonl' },
  });
  const dir = requireWorkspace(values.workspace);
  if (values.format !== 'jsonl' && values.format !== 'csv') throw new ClearsightError('usage', `--format must be jsonl or csv (got '${values.format}')`);
  const ws = await Workspace.open(dir);
  try {
    const runId = values.run === 'latest'
      ? (await ws.conn.one<{ r: string }>(`SELECT run_id AS r FROM analysis_run WHERE status = 'done' ORDER BY started_at DESC, run_id DESC LIMIT 1`))?.r
      : (await ws.conn.one<{ r: string }>(`SELECT run_id AS r FROM analysis_run WHERE run_id = $1`, [values.run]))?.r;
    if (!runId) throw new ClearsightError('not_found', values.run === 'latest' ? '还没有运行过模型 / no model run yet (clearsight run first)' : `没有这次运行 / no run ${values.run}`);
    const models = (values.model ?? []).map((m) => m.toUpperCase());
    const rows = await ws.conn.all<Record<string, unknown>>(`SELECT * EXCLUDE (evidence_json, hit_no), evidence_json AS evidence FROM hit
      WHERE analysis_run_id = $1 AND ($2 = '' OR list_contains(string_split($2, ','), model_id)) ORDER BY model_id, hit_no`, [runId, models.join(',')]);
    const out = process.stdout;
    if (values.format === 'jsonl') {
      for (const r of rows) out.write(`${JSON.stringify({ ...r, evidence: r.evidence ? JSON.parse(String(r.evidence)) : null })}\n`);
    } else {
      out.write(`${COLUMNS.join(',')}\n`);
      for (const r of rows) out.write(`${COLUMNS.map((c) => csvCell(r[c])).join(',')}\n`);
    }
    return 0;
  } finally {
    await ws.close();
  }
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

