import { ClearsightError } from '../errors.ts';

/** How big the synthetic province is. Everything derives from the number of tenders. */
export interface ScalePlan {
  name: string;
  tenders: number;
  buyers: number;
  agencies: number;
  suppliers: number;
  collectives: number;
  others: number;
  experts: number;
  /** The day the data describes ("today" for the models): the end of the 2021–2025 timeline. */
  asOf: string;
}

export const PRESETS: Record<string, number> = { demo: 20_000, bench: 1_000_000 };

export function planScale(scale: string): ScalePlan {
  const tenders = PRESETS[scale] ?? (/^\d+$/.test(scale) ? Number(scale) : NaN);
  if (!Number.isSafeInteger(tenders) || tenders < 500 || tenders > 20_000_000) {
    throw new ClearsightError('usage', `--scale must be demo, bench or a number of tenders from 500 to 20000000 (got '${scale}')`);
  }
  return {
    name: PRESETS[scale] !== undefined ? scale : String(tenders),
    tenders,
    buyers: Math.max(120, Math.round(tenders / 40)),
    agencies: Math.max(20, Math.round(tenders / 400)),
    suppliers: Math.max(300, Math.round(tenders / 5)),
    collectives: Math.max(100, Math.round(tenders / 50)),
    others: Math.max(100, Math.round(tenders / 20)),
    // A provincial expert pool: large enough that an expert rarely meets the same bidder by chance.
    experts: Math.min(30_000, Math.max(1_500, Math.round((tenders * 1.15) / 8))),
    asOf: '2025-12-31',
  };
}
