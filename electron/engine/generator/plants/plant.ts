import type { DuckDBConnection } from '@duckdb/node-api';
import { ClearsightError } from '../../errors.ts';
import type { PopulationLayout } from '../layout.ts';
import type { ScalePlan } from '../scale.ts';

/** One row of synthetic_truth (see migration 003). */
export interface TruthRow {
  truth: 'planted' | 'near_miss';
  subject_type: string;
  subject_id: string;
  tender_id?: string; lot_id?: string; org_id?: string; org_id_b?: string; person_id?: string;
  contract_id?: string; payment_id?: string; lease_id?: string;
  note_zh: string; note_en: string;
}

/** Thrown by claimLots and claimOrgs when fewer candidates than asked for are left (and only then). */
export class ClaimShortage extends ClearsightError {
  constructor(message: string) {
    super('internal', message);
  }
}

export interface PlantContext {
  conn: DuckDBConnection;
  plan: ScalePlan;
  layout: PopulationLayout;
  /** Run SQL with bound parameters. */
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Claim n background lots (tender_id, lot_id) no other plant has used, chosen deterministically.
   * `where` is a condition on lot l and tender t; values go in `params`, bound as $1, $2, …
   * Throws ClaimShortage when fewer than n are left.
   */
  claimLots(n: number, where: string, params?: unknown[]): Promise<Array<{ tender_id: string; lot_id: string }>>;
  /**
   * Claim n background organisations no other plant has used. `where` is a condition on organization o
   * and the generator's _org row; values go in `params`, bound as $1, $2, …
   * Throws ClaimShortage when fewer than n are left.
   */
  claimOrgs(n: number, where: string, params?: unknown[]): Promise<string[]>;
  record(row: TruthRow): void;
}

/**
 * A planted pattern for one catalog model: a few cases it must find and near misses it must not.
 * neutralize() first removes accidental look-alikes from the background, so that the truth table
 * is complete: the only instances of the pattern are the planted ones.
 */
export interface Plant {
  modelId: string;
  neutralize?(ctx: PlantContext): Promise<void>;
  plant(ctx: PlantContext): Promise<void>;
}
