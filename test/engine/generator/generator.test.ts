import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { generateProvince, type GenerateSummary } from '../../../electron/engine/generator/index.ts';
import { CANONICAL_TABLES, DATA_TABLES } from '../../../electron/engine/schema/canonical.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';
import { catalogReferenceSql } from './catalog-reference.ts';

async function generate(scale: string, seed: number, threads?: number): Promise<{ ws: Workspace; summary: GenerateSummary }> {
  const ws = await Workspace.init(tempDir(), { threads });
  const summary = await ws.tasks.run('generate', (t) => generateProvince(ws, { scale, seed }, t));
  return { ws, summary };
}

/** Fingerprints of the data tables (the system tables carry timestamps and have none). */
const fingerprints = async (ws: Workspace) =>
  Object.fromEntries((await ws.tables({ fingerprint: true })).filter((t) => t.fingerprint !== undefined).map((t) => [t.name, t.fingerprint]));

/** Check digit rules of GB 32100 (USCC) and GB 11714 (organisation code), computed independently of the SQL. */
function validUscc(code: string): boolean {
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = w.reduce((s, wi, i) => s + cs.indexOf(code[i]!) * wi, 0);
  const check = cs[(31 - (sum % 31)) % 31];
  const body = code.slice(8, 16);
  const ow = [3, 7, 9, 10, 5, 8, 4, 2];
  const osum = ow.reduce((s, wi, i) => s + parseInt(body[i]!, 36) * wi, 0);
  const oc = 11 - (osum % 11);
  const ocheck = oc === 10 ? 'X' : oc === 11 ? '0' : String(oc);
  return code[17] === check && code[16] === ocheck;
}

describe('synthetic province', () => {
  let a: { ws: Workspace; summary: GenerateSummary };
  before(async () => { a = await generate('demo', 7); });
  after(async () => { await a.ws.close(); });

  test('fills every data table the catalog models read', async () => {
    for (const t of DATA_TABLES) assert.ok(a.summary.rows[t]! > 0, `table ${t} is empty`);
    assert.ok(a.summary.rows.tender! >= 19_000 && a.summary.rows.tender! <= 21_000);
    assert.ok(a.summary.rows.bid! > 120_000, `bids: ${a.summary.rows.bid}`);
    assert.equal(CANONICAL_TABLES.models.length, 5);
  });

  test('organisations have valid unified social credit codes and real Zhejiang county codes', async () => {
    const rows = await a.ws.conn.all<{ uscc: string; region_code: string }>(`SELECT uscc, region_code FROM organization`);
    const regions = new Set(readFileSync(new URL('../../../electron/engine/generator/data/zhejiang-regions.csv', import.meta.url), 'utf8')
      .split('\n').slice(1).map((l) => l.split(',')[0]));
    assert.ok(rows.length > 1000);
    for (const r of rows) {
      assert.ok(validUscc(r.uscc), `invalid USCC ${r.uscc}`);
      assert.ok(regions.has(r.region_code), `unknown region ${r.region_code}`);
      assert.equal(r.uscc.slice(2, 8), r.region_code);
    }
    assert.equal(new Set(rows.map((r) => r.uscc)).size, rows.length, 'USCCs are unique');
  });

  test('personal ID numbers are stored only as 64-hex keyed hashes', async () => {
    const bad = await a.ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM person WHERE NOT regexp_full_match(id_no_hash, '[0-9a-f]{64}')`);
    assert.equal(Number(bad!.n), 0);
  });

  test('persons added by the plants look like the background\'s and differ from each other', async () => {
    // Planted persons ('P90…', and the spare experts 'P91…' of BID-039's clean-up) are numbered above the background's.
    const planted = await a.ws.conn.all<{ person_id: string; phone: string; address_norm: string; birth: string; id_no_hash: string }>(`
      SELECT person_id, phone, address_norm, CAST(birth_date AS VARCHAR) AS birth, id_no_hash FROM person WHERE person_id >= 'P90000000'`);
    assert.ok(planted.length >= 8, `${planted.length} planted persons`);
    for (const key of ['phone', 'address_norm', 'birth', 'id_no_hash'] as const) {
      assert.equal(new Set(planted.map((p) => p[key])).size, planted.length, `planted persons have distinct ${key}`);
    }
    for (const p of planted) {
      assert.match(p.phone, /^1\d{10}$/);
      assert.match(p.address_norm, /^\D+(路|大道)\d+号\d+幢\d+室$/);
      assert.ok(p.birth >= '1960-01-01' && p.birth <= '1995-12-31', `birth date ${p.birth}`);
      assert.match(p.id_no_hash, /^[0-9a-f]{64}$/);
    }
    const clash = await a.ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM person p JOIN person q ON q.id_no_hash = p.id_no_hash AND q.person_id <> p.person_id
      WHERE p.person_id >= 'P90000000'`);
    assert.equal(Number(clash!.n), 0, 'planted ID hashes are not those of other persons');
  });

  test('plants keep canonical vocabularies, one seat per person on a panel, and one legal representative per organisation', async () => {
    const values = async (sql: string) => (await a.ws.conn.all<{ v: string }>(sql)).map((r) => r.v).sort();
    assert.deepEqual((await values(`SELECT DISTINCT party_role AS v FROM case_party`))
      .filter((v) => !['plaintiff', 'defendant', 'third_party', 'enforcee', 'applicant'].includes(v)), []);
    assert.deepEqual((await values(`SELECT DISTINCT body AS v FROM decision`))
      .filter((v) => !['party_committee', 'board', 'gm_office', 'villagers_assembly', 'village_committee'].includes(v)), []);
    assert.deepEqual(await values(`SELECT DISTINCT tender_id || '/' || lot_id || '/' || person_id AS v FROM eval_committee
      GROUP BY tender_id, lot_id, person_id HAVING count(*) > 1`), [], 'nobody sits twice on one panel');
    assert.deepEqual(await values(`SELECT r.org_id AS v FROM org_role r JOIN organization o USING (org_id)
      WHERE r.role = 'legal_rep' AND r.end_date IS NULL AND r.person_id IS DISTINCT FROM o.legal_rep_person_id`), [],
      'org_role and organization name the same legal representative');
  });

  test('bid prices lie under the ceiling price and are dispersed', async () => {
    const r = await a.ws.conn.one<{ over: number; cv: number }>(`
      SELECT count(*) FILTER (WHERE b.price_cny > l.max_price_cny) AS over,
             (SELECT median(cv) FROM v_tender_price_stats WHERE n >= 4) AS cv
      FROM bid b JOIN lot l USING (tender_id, lot_id)`);
    assert.equal(Number(r!.over), 0);
    assert.ok(r!.cv > 0.04 && r!.cv < 0.15, `median CV ${r!.cv}`);
  });

  test('planted cases fire and near misses stay silent under the catalog reference SQL', async () => {
    await a.ws.conn.run(catalogReferenceSql());
    const pairKey = `tender_id || '/' || lot_id || '/' || least(org_a, org_b) || '|' || greatest(org_a, org_b)`;
    const hitsSql: Record<string, string> = {
      'BID-001': `SELECT DISTINCT ${pairKey} AS k FROM m_bid_001`,
      'BID-005': `SELECT DISTINCT ${pairKey} AS k FROM m_bid_005`,
      'BID-008': `SELECT DISTINCT ${pairKey} AS k FROM m_bid_008`,
      'BID-043': `SELECT DISTINCT m.tender_id || '/' || m.lot_id || '/' || b.bid_id || '|' || m.person_id AS k FROM m_bid_043 m JOIN bid b USING (tender_id, lot_id, org_id)`,
      'BID-049': `SELECT DISTINCT m.tender_id || '/' || a.lot_id || '/' || m.tender_id || '|' || m.supplier_org_id AS k
                  FROM m_bid_049 m JOIN award a ON a.tender_id = m.tender_id AND a.supplier_org_id = m.supplier_org_id`,
      'BID-039': `SELECT DISTINCT '//' || expert_id || '|' || supplier_org_id AS k FROM m_bid_039`,
    };
    for (const [model, sql] of Object.entries(hitsSql)) {
      const hits = new Set((await a.ws.conn.all<{ k: string }>(sql)).map((r) => r.k));
      const truth = await a.ws.conn.all<{ k: string; truth: string }>(
        `SELECT COALESCE(tender_id, '') || '/' || COALESCE(lot_id, '') || '/' || subject_id AS k, truth FROM synthetic_truth WHERE model_id = $1`, [model]);
      const planted = truth.filter((t) => t.truth === 'planted').map((t) => t.k);
      const near = truth.filter((t) => t.truth === 'near_miss').map((t) => t.k);
      assert.ok(planted.length >= 3, `${model}: at least 3 planted cases`);
      assert.ok(near.length >= 1, `${model}: at least one near miss`);
      assert.deepEqual(planted.filter((k) => !hits.has(k)), [], `${model}: every planted case is found`);
      assert.deepEqual(near.filter((k) => hits.has(k)), [], `${model}: no near miss fires`);
      const known = new Set(truth.map((t) => t.k));
      assert.deepEqual([...hits].filter((k) => !known.has(k)), [], `${model}: no hits on unplanted subjects`);
    }
  });

  test('a workspace that holds data is not overwritten without --replace, and stays intact', async () => {
    const before = await fingerprints(a.ws);
    await assert.rejects(a.ws.tasks.run('generate', (t) => generateProvince(a.ws, { scale: 'demo', seed: 9 }, t)), /replace/);
    assert.deepEqual(await fingerprints(a.ws), before);
  });

  test('cancelling generation leaves the workspace as it was', async () => {
    const before = await fingerprints(a.ws);
    const run = a.ws.tasks.run('generate', (t) => {
      setTimeout(() => t.cancel(), 800);
      return generateProvince(a.ws, { scale: 'demo', seed: 9, replace: true }, t);
    });
    await assert.rejects(run, (e: Error & { code?: string }) => e.code === 'cancelled');
    assert.deepEqual(await fingerprints(a.ws), before);
  });
});
