import type { PlantContext } from './plant.ts';

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
