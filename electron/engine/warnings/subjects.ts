import type { DuckDBConnection } from '@duckdb/node-api';
import { boundRows } from './bound-query.ts';

/** The records a warning hangs on, by kind: what its drill-down shows, graphs and dates. */
export interface WarningSubjects {
  tenders: string[];
  /** The hit's lot ('-' for an un-lotted tender), when it names one. */
  lot: string | null;
  orgs: string[];
  persons: string[];
  contracts: string[];
  leases: string[];
  payments: string[];
  accounts: string[];
  vouchers: string[];
}

export interface AlertKeys {
  subject_id: string;
  tender_id: string | null;
  lot_id: string | null;
  org_id: string | null;
  person_id: string | null;
  contract_id: string | null;
  lease_id: string | null;
}

const MAX_CANDIDATES = 500;

/**
 * Which records a warning is about: the hit's key columns, and every id its evidence mentions (a pair's
 * second company, the payments of a duplicate, the cadres of a lease...). Models name their evidence
 * freely, so rather than a list of keys per model, every short text value of the evidence is looked up
 * among the ids of the canonical tables; whatever exists is a subject.
 */
export async function warningSubjects(c: DuckDBConnection, alert: AlertKeys, evidence: unknown): Promise<WarningSubjects> {
  const cand = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string' || v === '' || v.length > 120 || cand.size >= MAX_CANDIDATES) return;
    cand.add(v);
    if (v.includes('|')) for (const part of v.split('|')) if (part) cand.add(part);
  };
  const walk = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
    else add(v);
  };
  for (const v of [alert.subject_id, alert.tender_id, alert.org_id, alert.person_id, alert.contract_id, alert.lease_id]) add(v);
  walk(evidence, 0);
  const found = await boundRows<{ k: string; id: string }>(c, `WITH cand AS (SELECT DISTINCT unnest($cand) AS v)
    SELECT 'tenders' AS k, tender_id AS id FROM tender WHERE tender_id IN (SELECT v FROM cand)
    UNION ALL SELECT 'orgs', org_id FROM organization WHERE org_id IN (SELECT v FROM cand)
    UNION ALL SELECT 'persons', person_id FROM person WHERE person_id IN (SELECT v FROM cand)
    UNION ALL SELECT 'contracts', contract_id FROM contract WHERE contract_id IN (SELECT v FROM cand)
    UNION ALL SELECT 'leases', lease_id FROM lease_contract WHERE lease_id IN (SELECT v FROM cand)
    UNION ALL SELECT 'payments', payment_id FROM payment WHERE payment_id IN (SELECT v FROM cand)
    UNION ALL SELECT 'accounts', account_id FROM bank_account WHERE account_id IN (SELECT v FROM cand)
    UNION ALL SELECT DISTINCT 'vouchers', voucher_id FROM village_voucher WHERE voucher_id IN (SELECT v FROM cand)`, { cand: [...cand] });
  const out: WarningSubjects = { tenders: [], lot: alert.lot_id, orgs: [], persons: [], contracts: [], leases: [], payments: [], accounts: [], vouchers: [] };
  for (const r of found) (out[r.k as Exclude<keyof WarningSubjects, 'lot'>] as string[]).push(r.id);
  // The hit's own keys first (they are what the warning is about), then the others in id order.
  const first = [alert.org_id, ...alert.subject_id.split('|'), alert.person_id, alert.tender_id, alert.contract_id, alert.lease_id];
  for (const k of ['tenders', 'orgs', 'persons', 'contracts', 'leases', 'payments', 'accounts', 'vouchers'] as const) {
    out[k] = [...new Set(out[k])].sort((a, b) => rankOf(first, a) - rankOf(first, b) || a.localeCompare(b));
  }
  return out;
}

const rankOf = (first: Array<string | null>, id: string) => { const i = first.indexOf(id); return i < 0 ? first.length : i; };

/** The relation-graph seeds for a warning: its companies, persons, tenders and accounts. */
export function graphSeeds(s: WarningSubjects): string[] {
  return [...s.orgs.slice(0, 20).map((id) => `org:${id}`), ...s.persons.slice(0, 10).map((id) => `person:${id}`),
    ...s.tenders.slice(0, 5).map((id) => `tender:${id}`), ...s.accounts.slice(0, 10).map((id) => `account:${id}`)];
}
