import { addDays, workday } from './plant-helpers.ts';
import type { PlantContext } from './plant.ts';

// Helpers shared by the contract-phase and large-fund plants (SOE-010, SOE-014, SOE-015, FUND-003, FUND-005,
// FUND-010, FUND-011). The plant loader only picks up files named like soe-010.ts, so this file is not a plant.

/** A small deterministic string hash (FNV-1a), for choices that must depend on the data only. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A time in office hours (09:00–16:59) on the working day of `day`, chosen by `key`: 'YYYY-MM-DD HH:MM:00'. */
export function officeTime(day: string, key: string): string {
  const minute = 540 + (fnv(key) % 480);
  return `${workday(day)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
}

/** An amount rounded to the fen. */
export const fen = (v: number) => Math.round(v * 100) / 100;

/** The collective body that decides for a unit of this type (三重一大): the general manager's office of an SOE, else the party committee. */
export const bodyFor = (orgType: string) => (orgType === 'soe' ? 'gm_office' : 'party_committee');

export interface Ct {
  contract_id: string; tender_id: string | null; buyer: string; buyer_name: string; buyer_type: string; supplier: string; supplier_name: string;
  category: string; class_code: string; method: string; value: number; sign: string; start: string; planned_end: string;
  accept: string | null; settlement: number | null; project_ref: string | null; budget_id: string | null;
}

const CT_COLUMNS = `c.contract_id, c.tender_id, c.buyer_org_id AS buyer, b.name AS buyer_name, b.org_type AS buyer_type,
  c.supplier_org_id AS supplier, s.name AS supplier_name, c.category, c.class_code, c.procurement_method AS method,
  CAST(c.value_cny AS DOUBLE) AS value, CAST(c.sign_date AS VARCHAR) AS sign, CAST(c.start_date AS VARCHAR) AS start,
  CAST(c.planned_end_date AS VARCHAR) AS planned_end, CAST(c.acceptance_date AS VARCHAR) AS accept,
  CAST(c.settlement_value_cny AS DOUBLE) AS settlement, c.project_ref, c.budget_id`;

/** One contract with its parties, as the plants use it. */
export async function contractInfo(ctx: PlantContext, contractId: string): Promise<Ct> {
  const [c] = await ctx.all<Ct>(`SELECT ${CT_COLUMNS} FROM contract c JOIN organization b ON b.org_id = c.buyer_org_id
    JOIN organization s ON s.org_id = c.supplier_org_id WHERE c.contract_id = $1`, [contractId]);
  if (!c) throw new Error(`no contract ${contractId}`);
  return c;
}

/**
 * Claim the tender of one background contract c that meets `cond` (SQL on contract c, values bound as $1, $2, …):
 * a single-lot tender with exactly one contract, not claimed by another plant. Returns the contract.
 */
export async function claimContract(ctx: PlantContext, cond: string, params: unknown[] = []): Promise<Ct> {
  const [lot] = await ctx.claimLots(1, `l.lot_id = '-' AND t.status = 'complete' AND t.tender_id IN (
      SELECT c.tender_id FROM contract c WHERE c.tender_id IS NOT NULL AND c.contract_id LIKE 'CT%' AND ${cond})
    AND (SELECT count(*) FROM contract x WHERE x.tender_id = t.tender_id) = 1`, params);
  const [c] = await ctx.all<{ contract_id: string }>(`SELECT contract_id FROM contract WHERE tender_id = $1`, [lot!.tender_id]);
  return contractInfo(ctx, c!.contract_id);
}

export interface NewDecision {
  id: string; org: string; body: string; date: string; subject: string; subjectType: string; amount: number | null;
  refContract?: string | null; refPayment?: string | null; refProject?: string | null;
}

/** A collective decision with a quorum of eight of nine members, all for. */
export async function addDecision(ctx: PlantContext, d: NewDecision): Promise<void> {
  await ctx.run(`INSERT INTO decision VALUES ($1, $2, $3, CAST($4 AS DATE), $5, $6, CAST($7 AS DECIMAL(18,2)), 8, 9, 8, $8, $9, NULL, $10)`,
    [d.id, d.org, d.body, d.date, d.subject, d.subjectType, d.amount, d.refContract ?? null, d.refPayment ?? null, d.refProject ?? null]);
}

export interface NewPayment {
  id: string; payer: string; payeeType: 'org' | 'person'; payee: string; payeeName: string; payeeAccount: string; amount: number;
  /** 'YYYY-MM-DD HH:MM:SS' on a working day. */
  time: string; purpose: string; purposeCode: string; contract?: string | null; budget?: string | null; invoice?: string | null; decision?: string | null;
}

/** A payment from the payer's basic account, in the background's format. */
export async function addPayment(ctx: PlantContext, p: NewPayment): Promise<void> {
  await ctx.run(`INSERT INTO payment VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS DECIMAL(18,2)), CAST($9 AS TIMESTAMP), 'bank', $10, $11,
      $12, $13, $14, $15, $16)`,
    [p.id, p.payer, `AC${p.payer.slice(3)}B`, p.payeeName, p.payeeType, p.payee, p.payeeAccount, p.amount, p.time, p.purpose, p.purposeCode,
      p.contract ?? null, p.budget ?? `BG${p.payer.slice(3)}${p.time.slice(0, 4)}`, `PZ${p.id.replace(/^PM-?/, '')}`, p.invoice ?? null, p.decision ?? null]);
}

/** An invoice number like the background's ('FP' and twelve hex digits), derived from a key. */
export const invoiceNo = (key: string) => `FP${fnv(`${key}:a`).toString(16).padStart(8, '0')}${(fnv(`${key}:b`) & 0xffff).toString(16).padStart(4, '0')}`;

export interface NewContract {
  id: string; buyer: { id: string; type: string }; supplier: { id: string; name: string }; method: 'direct' | 'limited' | 'open' | 'selective';
  detail: string; category: 'works' | 'goods' | 'services'; classCode: string; className: string; value: number; sign: string;
  /** Days from the start to the planned end. */
  days: number; projectRef: string; justification?: string | null;
}

/**
 * A contract made without a tender in the background's format: started five days after signing, completed as
 * planned and accepted fourteen days later (when that is before the data date) and settled at its value; decided
 * collectively a week before signing from CNY 500,000 (三重一大), and paid as the background pays: an advance of
 * 30% at the start except for goods, the balance five days after acceptance. Returns the payment ids.
 */
export async function addContract(ctx: PlantContext, c: NewContract): Promise<string[]> {
  const asOf = ctx.plan.asOf;
  const start = addDays(c.sign, 5);
  const end = addDays(start, c.days);
  const accept = addDays(end, 14);
  const done = accept <= asOf;
  const budget = `BG${c.buyer.id.slice(3)}${c.sign.slice(0, 4)}`;
  await ctx.run(`INSERT INTO contract VALUES ($1, NULL, NULL, $2, $3, $4, $5, $6, $7, CAST($8 AS DECIMAL(18,2)), CAST($9 AS DATE), CAST($10 AS DATE),
      CAST($11 AS DATE), CAST($12 AS DATE), CAST($13 AS DATE), CAST($14 AS DECIMAL(18,2)), $15, $16, NULL, $17, $18)`,
    [c.id, c.buyer.id, c.supplier.id, c.method, c.detail, c.category, c.classCode, c.value, c.sign, start, end,
      end <= asOf ? end : null, done ? accept : null, done ? c.value : null, done ? 'completed' : 'active', budget, c.justification ?? null, c.projectRef]);
  const decision = c.value >= 500_000 ? `DC-${c.id}` : null;
  if (decision) {
    await addDecision(ctx, { id: decision, org: c.buyer.id, body: bodyFor(c.buyer.type), date: addDays(c.sign, -7), subjectType: 'contract',
      subject: `关于${c.className}（${c.projectRef}）合同签订及资金支付的决定`, amount: c.value, refContract: c.id, refProject: c.projectRef });
  }
  const ids: string[] = [];
  const inst: Array<[number, number, string, string]> = [];
  if (c.category !== 'goods') inst.push([1, 0.3, start, '预付款']);
  if (done) inst.push([2, c.category === 'goods' ? 1 : 0.7, addDays(accept, 5), '结算款']);
  for (const [n, share, day, purpose] of inst) {
    const time = officeTime(day, `${c.id}:${n}`);
    if (time.slice(0, 10) > asOf) continue;
    const id = `PM-${c.id}-${n}`;
    await addPayment(ctx, { id, payer: c.buyer.id, payeeType: 'org', payee: c.supplier.id, payeeName: c.supplier.name, payeeAccount: `AC${c.supplier.id.slice(3)}B`,
      amount: n === 2 && share < 1 ? fen(c.value - fen(c.value * 0.3)) : fen(c.value * share), time, purpose, purposeCode: 'contract', contract: c.id,
      budget, invoice: invoiceNo(id), decision });
    ids.push(id);
  }
  return ids;
}
