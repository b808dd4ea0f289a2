import { ClaimShortage, type PlantContext } from './plant.ts';

// ---- Dates and amounts -------------------------------------------------------------------------

export const DAY = 86_400_000;

/** An ISO date n days after (or before) iso. */
export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Saturdays and Sundays move to the next Monday, as the background's payments do. */
export const workday = (iso: string) => addDays(iso, [1, 0, 0, 0, 0, 0, 2][new Date(Date.parse(`${iso}T00:00:00Z`)).getUTCDay()]!);

/** An amount in yuan with thousands separators and two decimals: 1,270,000.00. */
export const yuan = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// ---- Bulk inserts ------------------------------------------------------------------------------

/** Insert rows into a (temporary) table with bound parameters, a few hundred rows per statement. */
export async function fill(ctx: PlantContext, table: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    const width = chunk[0]!.length;
    const values = chunk.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
    await ctx.run(`INSERT INTO ${table} VALUES ${values}`, chunk.flat());
  }
}

// ---- Organisations and persons -----------------------------------------------------------------

/**
 * Claim n organisations by the first choice that has enough left: a preferred condition, then fallbacks
 * (each `where` with its own bound params). Only a shortage moves on to the next choice; SQL errors surface.
 */
export async function claimOrgsFirst(ctx: PlantContext, n: number, choices: Array<{ where: string; params?: unknown[] }>): Promise<string[]> {
  for (const [i, c] of choices.entries()) {
    try {
      return await ctx.claimOrgs(n, c.where, c.params);
    } catch (e) {
      if (!(e instanceof ClaimShortage) || i === choices.length - 1) throw e;
    }
  }
  throw new Error('claimOrgsFirst: no choices');
}

export interface OrgInfo { id: string; name: string; type: string }

/** An organisation's id, name and org_type. */
export async function orgInfo(ctx: PlantContext, id: string): Promise<OrgInfo> {
  const [o] = await ctx.all<OrgInfo>(`SELECT org_id AS id, name, org_type AS type FROM organization WHERE org_id = $1`, [id]);
  if (!o) throw new Error(`no organisation ${id}`);
  return o;
}

export interface NewPerson {
  personId: string;
  /** Default: a name drawn for the person's gender. */
  name?: string;
  /** Default: drawn as the background draws it (62% men). */
  gender?: 'M' | 'F';
}

/**
 * Insert persons that exist only in planted cases, with values drawn like the background's and distinct
 * for each person (everything is a hash of the person id): name, gender, a birth date in 1960–1995, a
 * mobile number, a home address and a hukou county. The ID number is a valid GB 11643 number (county,
 * birth date, a sequence number from 900 up, odd for men and even for women, check character) stored,
 * like every ID number, only as the workspace's keyed hash; the background numbers each county, birth
 * date and gender from 001, far below 900, so the numbers cannot collide with it.
 */
export async function insertPersons(ctx: PlantContext, persons: NewPerson[]): Promise<void> {
  if (persons.length === 0) return;
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _plant_person (person_id VARCHAR, name VARCHAR, gender VARCHAR)`);
  await fill(ctx, '_plant_person', persons.map((p) => [p.personId, p.name ?? null, p.gender ?? null]));
  await ctx.run(`INSERT INTO person
    WITH b AS (
      SELECT p.person_id, COALESCE(p.name, person_name_g(p.person_id, COALESCE(p.gender, gender_of(p.person_id)))) AS name,
        COALESCE(p.gender, gender_of(p.person_id)) AS gender,
        DATE '1960-01-01' + CAST(ui('pl-birth', p.person_id, 0, 13148) AS INTEGER) AS birth, c.code AS hukou
      FROM _plant_person p JOIN _county c ON c.idx = ui('pl-hukou', p.person_id, 1, n_counties())),
    s AS (SELECT b.*, hukou || strftime(birth, '%Y%m%d')
            || CAST(900 + 2 * ui('pl-seq', person_id, 0, 49) + CASE gender WHEN 'M' THEN 1 ELSE 0 END AS VARCHAR) AS s17 FROM b)
    SELECT person_id, id_hash(s17 || idcard_check(s17)), name, gender, birth, NULL, mobile('pl', person_id),
      pick(roads(), 'pl-road', person_id) || CAST(ui('pl-no', person_id, 1, 399) AS VARCHAR) || '号'
        || CAST(ui('pl-bldg', person_id, 1, 30) AS VARCHAR) || '幢' || CAST(ui('pl-room', person_id, 101, 2802) AS VARCHAR) || '室',
      hukou, FALSE
    FROM s ORDER BY person_id`);
}

/** Insert one person that exists only in a planted case (see insertPersons). */
export function insertPerson(ctx: PlantContext, person: NewPerson): Promise<void> {
  return insertPersons(ctx, [person]);
}

// ---- Lots and bids -----------------------------------------------------------------------------

export interface LotBid { bid_id: string; org_id: string; status: string; lot_id: string; tender_id: string }

/** The bids of one lot, in a stable order. */
export function bidsOf(ctx: PlantContext, tenderId: string, lotId: string): Promise<LotBid[]> {
  return ctx.all<LotBid>(`SELECT bid_id, org_id, status, lot_id, tender_id FROM bid WHERE tender_id = $1 AND lot_id = $2 ORDER BY bid_id`,
    [tenderId, lotId]);
}

/** The bids of several lots, read one after another (one connection runs one statement at a time). */
export async function bidsOfLots(ctx: PlantContext, lots: Array<{ tender_id: string; lot_id: string }>): Promise<LotBid[][]> {
  const out: LotBid[][] = [];
  for (const l of lots) out.push(await bidsOf(ctx, l.tender_id, l.lot_id));
  return out;
}

export const pairId = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
export const sorted = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
