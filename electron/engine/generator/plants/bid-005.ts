import { bidsOfLots, pairId, sorted } from './plant-helpers.ts';
import type { Plant } from './plant.ts';

/** BID-005: bid deposits paid from the same account, or from an account the bidder does not hold. */
export const plant: Plant = {
  modelId: 'BID-005',
  async plant(ctx) {
    const lots = await ctx.claimLots(4, `t.procurement_method = 'open' AND t.status = 'complete' AND t.deposit_cny > 0 AND l.lot_id = '-' AND NOT t.must_tender`);
    const [a, b, c, d] = await bidsOfLots(ctx, lots);
    for (const [i, bids] of [[0, a], [1, b]] as const) {
      const x = bids![0]!;
      const y = bids![2]!;
      await ctx.run(`UPDATE bid SET deposit_account_id = (SELECT deposit_account_id FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [x.bid_id, y.bid_id]);
      const [p, q] = sorted(x.org_id, y.org_id);
      ctx.record({ truth: 'planted', subject_type: 'org_pair', subject_id: pairId(p, q), tender_id: lots[i]!.tender_id, lot_id: '-', org_id: p, org_id_b: q,
        note_zh: '两家投标人的投标保证金从同一账户转出', note_en: 'two bidders\' deposits came from the same account' });
    }
    // A third party's personal account paid the deposit: often the real controller of a borrowed qualification.
    const [acct] = await ctx.all<{ account_id: string; holder_id: string }>(
      `SELECT account_id, holder_id FROM bank_account WHERE account_kind = 'personal' ORDER BY u('b005', account_id), account_id LIMIT 1`);
    const z = c![1]!;
    await ctx.run(`UPDATE bid SET deposit_account_id = $1 WHERE bid_id = $2`, [acct!.account_id, z.bid_id]);
    const [p, q] = sorted(z.org_id, acct!.holder_id);
    ctx.record({ truth: 'planted', subject_type: 'org_pair', subject_id: pairId(p, q), tender_id: lots[2]!.tender_id, lot_id: '-', org_id: z.org_id, person_id: acct!.holder_id,
      note_zh: '投标保证金由自然人个人账户代缴', note_en: 'the deposit was paid from a private person\'s account' });
    // Near miss: the bidder paid from its own general (non-basic) account on a tender that need not be tendered.
    const w = d![0]!;
    await ctx.run(`INSERT INTO bank_account SELECT 'AC' || substr($1, 4) || 'G', sha256('acct:' || $1 || ':general2'), '中国建设银行', 'org', $1, 'general'
                   WHERE NOT EXISTS (SELECT 1 FROM bank_account WHERE account_id = 'AC' || substr($1, 4) || 'G')`, [w.org_id]);
    await ctx.run(`UPDATE bid SET deposit_account_id = 'AC' || substr(org_id, 4) || 'G' WHERE bid_id = $1`, [w.bid_id]);
    ctx.record({ truth: 'near_miss', subject_type: 'org', subject_id: w.org_id, tender_id: lots[3]!.tender_id, lot_id: '-', org_id: w.org_id,
      note_zh: '投标人以本单位一般户缴纳保证金（非强制招标项目）', note_en: 'the bidder paid from its own general account (not a must-tender project)' });
  },
};
