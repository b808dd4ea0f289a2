import type { Plant, PlantContext } from './plant.ts';

interface Own {
  contract_id: string; buyer_name: string; value: number; ended: string; accepted: string;
  bid_id: string; tender_id: string; lot_id: string; org_id: string;
}

interface Claim { bid: Own | { bid_id: string; tender_id: string; lot_id: string; org_id: string }; buyer: string; ref: string; value: number; completion: string }

/** A contract the supplier completed and had accepted, with no other contract of it at that buyer within 400 days, and one of its later bids. */
async function ownContract(ctx: PlantContext, supplier: string, salt: string): Promise<Own | undefined> {
  const [r] = await ctx.all<Own>(`
    SELECT k.contract_id, bo.name AS buyer_name, CAST(k.value_cny AS DOUBLE) AS value, CAST(k.actual_end_date AS VARCHAR) AS ended,
      CAST(k.acceptance_date AS VARCHAR) AS accepted, b.bid_id, b.tender_id, b.lot_id, b.org_id
    FROM contract k JOIN organization bo ON bo.org_id = k.buyer_org_id
    JOIN bid b ON b.org_id = k.supplier_org_id JOIN tender t ON t.tender_id = b.tender_id
    WHERE k.supplier_org_id = $1 AND k.actual_end_date IS NOT NULL AND k.acceptance_date IS NOT NULL
      AND t.bid_deadline > k.acceptance_date + INTERVAL 60 DAY
      AND NOT EXISTS (SELECT 1 FROM contract o WHERE o.supplier_org_id = k.supplier_org_id AND o.buyer_org_id = k.buyer_org_id
                      AND o.contract_id <> k.contract_id
                      AND COALESCE(o.actual_end_date, o.acceptance_date, o.planned_end_date) BETWEEN k.actual_end_date - INTERVAL 400 DAY AND k.acceptance_date + INTERVAL 400 DAY)
      AND NOT EXISTS (SELECT 1 FROM bid_claim c WHERE c.bid_id = b.bid_id)
    ORDER BY u($2, k.contract_id || b.bid_id), k.contract_id, b.bid_id LIMIT 1`, [supplier, salt]);
  return r;
}

async function addClaim(ctx: PlantContext, c: Claim): Promise<string> {
  await ctx.run(`INSERT INTO bid_claim VALUES ($1, 'performance', $2, $3, CAST($4 AS DECIMAL(18,2)), CAST($5 AS DATE))`,
    [c.bid.bid_id, c.buyer, c.ref, c.value, c.completion]);
  return `${c.bid.bid_id}|${c.ref}`;
}

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', subjectId: string, bid: Claim['bid'], contractId: string | undefined, zh: string, en: string) {
  ctx.record({ truth, subject_type: 'bid_claim', subject_id: subjectId, tender_id: bid.tender_id, lot_id: bid.lot_id, org_id: bid.org_id,
    contract_id: contractId, note_zh: zh, note_en: en });
}

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** BID-053: track records claimed in bids that the contract register does not bear out. */
export const plant: Plant = {
  modelId: 'BID-053',
  // The background's claims cite the bidder's own contracts exactly; should any no longer do so (a contract
  // changed or removed since), the claim is withdrawn.
  async neutralize(ctx) {
    await ctx.run(`DELETE FROM bid_claim WHERE NOT EXISTS (
      SELECT 1 FROM bid b JOIN contract k ON k.contract_id = bid_claim.claimed_contract_ref AND k.supplier_org_id = b.org_id
      JOIN organization bo ON bo.org_id = k.buyer_org_id AND bo.name = bid_claim.claimed_buyer_name
      WHERE b.bid_id = bid_claim.bid_id AND abs(bid_claim.claimed_value_cny - k.value_cny) <= 0.2 * k.value_cny
        AND COALESCE(k.actual_end_date, k.acceptance_date) BETWEEN bid_claim.claimed_completion - INTERVAL 180 DAY AND bid_claim.claimed_completion)`);
  },
  async plant(ctx) {
    // Suppliers with accepted contracts; each case takes the next one that fits.
    const pool = await ctx.claimOrgs(14, `_org.seg = 'supplier' AND o.org_id IN (SELECT supplier_org_id FROM contract
      WHERE acceptance_date BETWEEN DATE '2021-06-01' AND DATE '2024-12-31')`);
    let next = 0;
    const own = async (salt: string): Promise<Own> => {
      while (next < pool.length) {
        const r = await ownContract(ctx, pool[next++]!, salt);
        if (r) return r;
      }
      throw new Error('BID-053: no supplier with an accepted contract and a later bid left to plant');
    };

    // 1. A contract that never existed, at a buyer the bidder never worked for.
    const s1 = await own('b053-1');
    const [fake] = await ctx.all<{ name: string; completion: string; value: number }>(`
      SELECT o.name, CAST(CAST(t.bid_deadline AS DATE) - INTERVAL 300 DAY AS DATE)::VARCHAR AS completion,
        round(CAST(t.max_price_cny AS DOUBLE) * 0.9, -3) AS value
      FROM organization o, tender t WHERE t.tender_id = $2 AND o.org_type IN ('gov_agency', 'public_institution')
        AND NOT EXISTS (SELECT 1 FROM contract k WHERE k.buyer_org_id = o.org_id AND k.supplier_org_id = $1)
      ORDER BY u('b053-buyer', o.org_id), o.org_id LIMIT 1`, [s1.org_id, s1.tender_id]);
    const ref1 = `HT${fake!.completion.slice(0, 4)}-${String(Math.round(fake!.value) % 997).padStart(3, '0')}`;
    const k1 = await addClaim(ctx, { bid: s1, buyer: fake!.name, ref: ref1, value: fake!.value, completion: fake!.completion });
    record(ctx, 'planted', k1, s1, undefined, '声明的业绩合同在该采购人处查无此合同', 'the claimed contract does not exist at that buyer');

    // 2. Another firm's contract, cited as the bidder's own (borrowed track record).
    const s2 = await own('b053-2');
    const [borrowed] = await ctx.all<{ contract_id: string; buyer_name: string; value: number; accepted: string }>(`
      SELECT k.contract_id, bo.name AS buyer_name, CAST(k.value_cny AS DOUBLE) AS value, CAST(k.acceptance_date AS VARCHAR) AS accepted
      FROM contract k JOIN organization bo ON bo.org_id = k.buyer_org_id
      WHERE k.supplier_org_id <> $1 AND k.acceptance_date IS NOT NULL AND k.actual_end_date IS NOT NULL
        AND k.acceptance_date + INTERVAL 60 DAY < (SELECT bid_deadline FROM tender WHERE tender_id = $2)
        AND NOT EXISTS (SELECT 1 FROM contract o WHERE o.supplier_org_id = $1 AND o.buyer_org_id = k.buyer_org_id)
        AND NOT EXISTS (SELECT 1 FROM shareholding s WHERE s.holder_type = 'org' AND s.holder_id = $1)
      ORDER BY u('b053-borrow', k.contract_id), k.contract_id LIMIT 1`, [s2.org_id, s2.tender_id]);
    const k2 = await addClaim(ctx, { bid: s2, buyer: borrowed!.buyer_name, ref: borrowed!.contract_id, value: borrowed!.value, completion: borrowed!.accepted });
    record(ctx, 'planted', k2, s2, borrowed!.contract_id, '将其他公司的合同业绩冒充为本公司业绩', 'another firm\'s contract claimed as the bidder\'s own');

    // 3. The bidder's own contract, its value inflated by 60%.
    const s3 = await own('b053-3');
    const k3 = await addClaim(ctx, { bid: s3, buyer: s3.buyer_name, ref: s3.contract_id, value: Math.round(s3.value * 1.6), completion: s3.accepted });
    record(ctx, 'planted', k3, s3, s3.contract_id, '业绩金额虚增60%', 'the contract value is inflated by 60%');

    // 4. The bidder's own contract, claimed as completed two and a half months before it was.
    const s4 = await own('b053-4');
    const k4 = await addClaim(ctx, { bid: s4, buyer: s4.buyer_name, ref: s4.contract_id, value: s4.value, completion: addDays(s4.ended, -75) });
    record(ctx, 'planted', k4, s4, s4.contract_id, '声明的完工时间早于实际完工时间', 'the claimed completion is earlier than the actual one');

    // Near miss: the bidder's own contract, cited at its value with later variations (15% more, within tolerance).
    const s5 = await own('b053-5');
    const k5 = await addClaim(ctx, { bid: s5, buyer: s5.buyer_name, ref: s5.contract_id, value: Math.round(s5.value * 1.15), completion: s5.accepted });
    record(ctx, 'near_miss', k5, s5, s5.contract_id, '声明金额含后续变更，较合同金额高15%，在允许偏差内', 'the value includes later variations, 15% above the contract, within tolerance');

    // Near miss: a group company cites the contract of a subsidiary it holds 60% of (the two never bid for one lot).
    const s6 = await own('b053-6');
    while (next < pool.length) {
      const cand = pool[next++]!;
      const [sub] = await ctx.all<{ contract_id: string; buyer_name: string; value: number; accepted: string }>(`
        SELECT k.contract_id, bo.name AS buyer_name, CAST(k.value_cny AS DOUBLE) AS value, CAST(k.acceptance_date AS VARCHAR) AS accepted
        FROM contract k JOIN organization bo ON bo.org_id = k.buyer_org_id
        WHERE k.supplier_org_id = $1 AND k.actual_end_date IS NOT NULL AND k.acceptance_date IS NOT NULL
          AND k.acceptance_date + INTERVAL 60 DAY < (SELECT bid_deadline FROM tender WHERE tender_id = $3)
          AND NOT EXISTS (SELECT 1 FROM bid x JOIN bid y ON x.tender_id = y.tender_id AND x.lot_id = y.lot_id WHERE x.org_id = $1 AND y.org_id = $2)
        ORDER BY u('b053-6s', k.contract_id), k.contract_id LIMIT 1`, [cand, s6.org_id, s6.tender_id]);
      if (!sub) continue;
      await ctx.run(`INSERT INTO shareholding SELECT $1, 'org', $2, 0.6, round(reg_capital_cny * 0.6, 2), least(established_date, DATE '2016-01-01'), NULL
        FROM organization WHERE org_id = $1`, [cand, s6.org_id]);
      const k6 = await addClaim(ctx, { bid: s6, buyer: sub.buyer_name, ref: sub.contract_id, value: sub.value, completion: sub.accepted });
      record(ctx, 'near_miss', k6, s6, sub.contract_id, '集团公司引用其控股60%的子公司的合同业绩', 'a group company cites a contract of its 60% subsidiary');
      break;
    }
  },
};
