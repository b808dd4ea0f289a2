import { addDays } from './plant-helpers.ts';
import type { PlantContext } from './plant.ts';

// Building blocks for village plants: a collective's villagers and cadres, and new leases and contracts
// in the background's format (asset, lease, rent schedule, receipts booked in the ledger, and the
// villagers' assembly decision), so that a planted lease differs from the background only where its
// model looks. Not a plant itself (plants/index.ts loads only files named like vil-003.ts).

/** An ISO date n calendar years after iso (plants never start a lease on 29 February). */
export function addYears(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
}

/** The last day of a term of n years that starts on `start`. */
export const termEnd = (start: string, years: number) => addDays(addYears(start, years), -1);

export interface Collective { id: string; idx: number; segIdx: number; name: string; regionCode: string }

/** A collective's generator numbers and name. */
export async function collective(ctx: PlantContext, id: string): Promise<Collective> {
  const [c] = await ctx.all<Collective>(`SELECT o.org_id AS id, CAST(g.org_idx AS INTEGER) AS idx, CAST(g.seg_idx AS INTEGER) AS "segIdx", o.name,
      o.region_code AS "regionCode"
    FROM organization o JOIN _org g USING (org_id) WHERE o.org_id = $1`, [id]);
  if (!c) throw new Error(`no collective ${id}`);
  return c;
}

/** Claim n collectives (with an optional further condition on organization o) and read them, one after another. */
export async function claimCollectives(ctx: PlantContext, n: number, where = 'TRUE', params: unknown[] = []): Promise<Collective[]> {
  const out: Collective[] = [];
  for (const id of await ctx.claimOrgs(n, `_org.seg = 'collective' AND (${where})`, params)) out.push(await collective(ctx, id));
  return out;
}

/** The r-th villager (0–5) of a collective, as the background numbers them; the background's lessees are villagers 3–5. */
export function villager(ctx: PlantContext, c: Collective, r: number): string {
  return `P${String(ctx.layout.person.villager.start + (c.segIdx - 1) * 6 + r).padStart(8, '0')}`;
}

export interface Cadre { person_id: string; name: string; title: string; start: string; surname: string }

/** The cadres of a collective (party secretary, then committee director), with the surname their relatives share. */
export function cadresOf(ctx: PlantContext, collectiveId: string): Promise<Cadre[]> {
  return ctx.all<Cadre>(`SELECT r.person_id, p.name, r.title, CAST(r.start_date AS VARCHAR) AS start, substr(p.name, 1, 1) AS surname
    FROM org_role r JOIN person p USING (person_id) WHERE r.org_id = $1 AND r.role = 'cadre' ORDER BY r.person_id`, [collectiveId]);
}

/** A person's or organisation's name. */
export async function nameOf(ctx: PlantContext, type: 'person' | 'org', id: string): Promise<string> {
  const [r] = await ctx.all<{ name: string }>(type === 'person' ? `SELECT name FROM person WHERE person_id = $1` : `SELECT name FROM organization WHERE org_id = $1`, [id]);
  if (!r) throw new Error(`no ${type} ${id}`);
  return r.name;
}

export type AssetClass = 'land' | 'building' | 'pond' | 'forest' | 'shop';

const ASSET_NAME: Record<AssetClass, string> = { land: '集体耕地', building: '村集体厂房', pond: '养殖水塘', forest: '集体林地', shop: '沿街店面' };

export interface Decision { body?: string; meeting?: string; attendees?: number; eligible?: number; votesFor?: number }

export interface LeaseSpec {
  c: Collective;
  /** Asset number within the collective: 20–89 (the background numbers 0–13, VIL-001 90–99). */
  k: number;
  assetClass: AssetClass;
  /** The annual rent; the leased area follows from the collective's reference rent (5% above it). */
  rent: number;
  start: string;
  /** The last day of the lease (default: the day before the start's anniversary `years` on). */
  end?: string;
  years?: number;
  /** Default: ten days before the start. */
  sign?: string;
  lessee: { type: 'person' | 'org'; id: string };
  award?: 'public_bidding' | 'exchange' | 'negotiation' | 'direct';
  cycle?: 'annual' | 'semiannual' | 'quarterly' | 'monthly';
  /** Default: 2058-12-31 for land, ponds and forest (the background's), none for buildings. */
  rightEnd?: string | null;
  /** Default: the villagers' assembly 15 days before signing, 40 of 52 present, 36 in favour; null for none. */
  decision?: Decision | null;
}

export interface PlantedLease { leaseId: string; assetId: string; lesseeName: string; sign: string; start: string; end: string; area: number }

/**
 * A new lease of a new asset of the collective, in the background's format: the rent rises 2% a year
 * when the term exceeds five years, every instalment due at least 20 days before the data date is paid
 * within 20 days and booked, and (by default) a villagers' assembly decided it before signing.
 */
export async function addLease(ctx: PlantContext, s: LeaseSpec): Promise<PlantedLease> {
  const assetId = `VA${String(s.c.idx).padStart(7, '0')}${String(s.k).padStart(2, '0')}`;
  const leaseId = `LS${assetId.slice(2)}`;
  const building = s.assetClass === 'building' || s.assetClass === 'shop';
  const [r] = await ctx.all<{ ref: number }>(`SELECT CAST(ref_rent_per_unit_year AS DOUBLE) AS ref FROM village_asset
    WHERE collective_org_id = $1 AND asset_class IN ($2, $3, $4) ORDER BY asset_id LIMIT 1`,
  [s.c.id, ...(building ? ['building', 'shop', 'shop'] : ['land', 'pond', 'forest'])]);
  const ref = r?.ref ?? (building ? 200 : 1000);
  const area = Math.max(1, Math.round((s.rent / (ref * 1.05)) * 10) / 10);
  const start = s.start;
  const end = s.end ?? termEnd(start, s.years ?? 5);
  const sign = s.sign ?? addDays(start, -10);
  const years = (Date.parse(end) - Date.parse(start)) / (365.25 * 86_400_000);
  const rightEnd = s.rightEnd !== undefined ? s.rightEnd : building ? null : '2058-12-31';
  const road = (await ctx.all<{ road: string }>(`SELECT pick(roads(), 'vr', $1) AS road`, [assetId]))[0]!.road;
  await ctx.run(`INSERT INTO village_asset VALUES ($1, $2, $3, $4, CAST($5 AS DECIMAL(18,4)), $6, $7, CAST($8 AS DECIMAL(18,2)), 'leased',
      CAST($9 AS DECIMAL(18,4)), CAST($10 AS DATE))`,
  [assetId, s.c.id, s.assetClass, `${ASSET_NAME[s.assetClass]}${s.k + 1}号`, area, building ? '平方米' : '亩', `村${road}`,
    Math.round(s.rent * 5.2 / 100) * 100, ref, rightEnd]);
  const lesseeName = await nameOf(ctx, s.lessee.type, s.lessee.id);
  await ctx.run(`INSERT INTO lease_contract VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS DATE), CAST($8 AS DATE), CAST($9 AS DATE),
      CAST($10 AS DECIMAL(18,2)), CAST($11 AS DECIMAL(18,4)), $12, $13, CAST($14 AS DECIMAL(18,2)), CAST($15 AS DECIMAL(6,4)),
      CASE WHEN CAST($9 AS DATE) < CAST($16 AS DATE) THEN 'expired' ELSE 'active' END)`,
  [leaseId, assetId, s.c.id, s.lessee.type, s.lessee.id, lesseeName, sign, start, end, s.rent, area, s.cycle ?? 'annual',
    s.award ?? 'public_bidding', Math.round(s.rent / 1000) * 100, years > 5 ? 0.02 : 0, ctx.plan.asOf]);
  await ctx.run(`INSERT INTO rent_schedule
    WITH cyc AS (SELECT l.*, CASE payment_cycle WHEN 'annual' THEN 12 WHEN 'semiannual' THEN 6 WHEN 'quarterly' THEN 3 ELSE 1 END AS months
                 FROM lease_contract l WHERE lease_id = $1)
    SELECT lease_id, CAST(d AS DATE), round(annual_rent_cny * months / 12 * power(1 + escalation_rate, date_diff('month', start_date, CAST(d AS DATE)) // 12), 2)
    FROM cyc, unnest(generate_series(CAST(start_date AS TIMESTAMP), CAST(end_date AS TIMESTAMP), to_months(months))) AS g(d)`, [leaseId]);
  await ctx.run(`INSERT INTO rent_receipt
    SELECT 'RR' || substr(s.lease_id, 3) || strftime(s.due_date, '%Y%m%d'), s.lease_id, s.due_date + CAST(ui('rd', s.lease_id || s.due_date, 0, 20) AS INTEGER),
      s.amount_due_cny, 'bank', 'AC' || substr(l.collective_org_id, 4) || 'B', 'VC' || substr(s.lease_id, 3) || strftime(s.due_date, '%Y%m%d')
    FROM rent_schedule s JOIN lease_contract l USING (lease_id) WHERE s.lease_id = $1 AND s.due_date + 20 <= CAST($2 AS DATE)`, [leaseId, ctx.plan.asOf]);
  await ctx.run(`INSERT INTO village_voucher
    SELECT r.voucher_id, l.collective_org_id, r.receipt_date, 'rent_income', '收' || l.lessee_name || '租金', r.amount_cny, 0, FALSE,
      l.lessee_name, l.lessee_type, l.lessee_id, TRUE, NULL, l.lease_id, NULL
    FROM rent_receipt r JOIN lease_contract l USING (lease_id) WHERE r.lease_id = $1`, [leaseId]);
  if (s.decision !== null) await addDecision(ctx, { leaseId, collective: s.c.id, sign, subject: `关于${lesseeName}承租集体资产的决议`, amount: s.rent, ...s.decision });
  return { leaseId, assetId, lesseeName, sign, start, end, area };
}

/** A decision naming a lease or a contract (id 'DV…' after the lease, 'DW…' after the contract). */
export async function addDecision(ctx: PlantContext, d: Decision & { leaseId?: string; contractId?: string; collective: string; sign: string; subject: string; amount: number }) {
  const id = d.leaseId ? `DV${d.leaseId.slice(2)}` : `DW${d.contractId!.slice(2)}`;
  await ctx.run(`INSERT INTO decision VALUES ($1, $2, $3, CAST($4 AS DATE), $5, $6, CAST($7 AS DECIMAL(18,2)), $8, $9, $10, $11, NULL, $12, NULL)`,
    [id, d.collective, d.body ?? 'villagers_assembly', d.meeting ?? addDays(d.sign, -15), d.subject, d.leaseId ? 'lease' : 'contract', d.amount,
      d.attendees ?? 40, d.eligible ?? 52, d.votesFor ?? 36, d.contractId ?? null, d.leaseId ?? null]);
}

export interface ContractSpec {
  c: Collective;
  /** Contract number within the collective (ids 'CV' + collective number + k). */
  k: number;
  supplier: string;
  title: string;
  value: number;
  sign: string;
  /** Default: the villagers' assembly 15 days before signing; null for none. */
  decision?: Decision | null;
}

/**
 * A village works contract with the collective as buyer and no tender (awarded directly, below the
 * CNY 100,000 tendering threshold of village micro-power lists), completed and accepted before the data
 * date. No payment or voucher is added: the plant is about who got the contract, not how it was paid.
 */
export async function addVillageContract(ctx: PlantContext, s: ContractSpec): Promise<{ contractId: string; supplierName: string }> {
  const contractId = `CV${String(s.c.idx).padStart(7, '0')}${String(s.k).padStart(2, '0')}`;
  const start = addDays(s.sign, 7);
  await ctx.run(`INSERT INTO contract VALUES ($1, NULL, NULL, $2, $3, 'direct', '直接发包', 'works', 'B0110', CAST($4 AS DECIMAL(18,2)),
      CAST($5 AS DATE), CAST($6 AS DATE), CAST($7 AS DATE), CAST($8 AS DATE), CAST($9 AS DATE), CAST($10 AS DECIMAL(18,2)), 'completed', NULL, NULL, NULL, $11)`,
  [contractId, s.c.id, s.supplier, s.value, s.sign, start, addDays(start, 60), addDays(start, 55), addDays(start, 70), s.value,
    `CJ${s.sign.slice(0, 4)}-${contractId.slice(2)}`]);
  if (s.decision !== null) await addDecision(ctx, { contractId, collective: s.c.id, sign: s.sign, subject: `关于${s.title}发包的决议`, amount: s.value, ...s.decision });
  return { contractId, supplierName: await nameOf(ctx, 'org', s.supplier) };
}

/**
 * An id for a person that exists only in a planted case: the first of prefix + 001…999 not yet used
 * whose birth date (which insertPersons derives from the id) falls in [bornFrom, bornTo] and differs from
 * every other planted person's. It lets a plant give a cadre's son a birth date after his father's.
 */
export async function plantedPersonId(ctx: PlantContext, prefix: string, bornFrom = '1900-01-01', bornTo = '2100-01-01'): Promise<string> {
  const [r] = await ctx.all<{ id: string }>(`
    WITH c AS (SELECT $1 || lpad(CAST(i AS VARCHAR), 3, '0') AS id FROM range(1, 1000) r(i)),
    b AS (SELECT id, DATE '1960-01-01' + CAST(ui('pl-birth', id, 0, 13148) AS INTEGER) AS birth FROM c)
    SELECT id FROM b WHERE birth BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)
      AND id NOT IN (SELECT person_id FROM person WHERE person_id >= 'P90000000')
      AND birth NOT IN (SELECT birth_date FROM person WHERE person_id >= 'P90000000')
    ORDER BY id LIMIT 1`, [prefix, bornFrom, bornTo]);
  if (!r) throw new Error(`no free planted person id ${prefix}… born ${bornFrom}–${bornTo}`);
  return r.id;
}

/** A claimed active company of the 'other' segment that is on no credit list (a plausible lessee or contractor). */
export const FIRM = `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
  AND NOT EXISTS (SELECT 1 FROM credit_list cl WHERE cl.subject_id = o.org_id)`;
