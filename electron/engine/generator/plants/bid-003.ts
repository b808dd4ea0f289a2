import { bidsOf, bidsOfLots, insertPersons, pairId, sorted, type LotBid } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', tenderId: string, lotId: string | undefined, a: string, b: string, zh: string, en: string) {
  const [x, y] = sorted(a, b);
  ctx.record({ truth, subject_type: 'org_pair', subject_id: pairId(a, b), tender_id: tenderId, lot_id: lotId, org_id: x, org_id_b: y, note_zh: zh, note_en: en });
}

/** A multi-lot tender where one firm bids for lot 1 only and another for lot 2 only. */
export async function splitLots(ctx: PlantContext, extra = 'TRUE'): Promise<{ tender_id: string; a: LotBid; b: LotBid }> {
  const only = (mine: string, other: string) => `EXISTS (SELECT 1 FROM bid x WHERE x.tender_id = l.tender_id AND x.lot_id = '${mine}'
    AND NOT EXISTS (SELECT 1 FROM bid y WHERE y.tender_id = x.tender_id AND y.lot_id = '${other}' AND y.org_id = x.org_id))`;
  const [l] = await ctx.claimLots(1, `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '1' AND ${extra}
    AND ${only('1', '2')} AND ${only('2', '1')}`);
  const one = await bidsOf(ctx, l!.tender_id, '1');
  const two = await bidsOf(ctx, l!.tender_id, '2');
  const a = one.find((x) => !two.some((y) => y.org_id === x.org_id))!;
  const b = two.find((y) => !one.some((x) => x.org_id === y.org_id))!;
  return { tender_id: l!.tender_id, a, b };
}

/**
 * BID-003: different bidders entrust their bid to the same person (agent, or whoever downloads the tender
 * documents for them) or give the same contact phone or e-mail.
 */
export const plant: Plant = {
  modelId: 'BID-003',
  async plant(ctx) {
    const open = `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '-'`;
    const lots = await ctx.claimLots(4, open);
    const [l1, l2, l3, l4] = await bidsOfLots(ctx, lots);
    // Brokers (标中介) who handle bids for several firms: private persons, insured by nobody.
    await insertPersons(ctx, [{ personId: 'P90003001', name: '沈国华', gender: 'M' }, { personId: 'P90003002', name: '叶建新', gender: 'M' },
      { personId: 'P90003003', name: '郑丽娟', gender: 'F' }, { personId: 'P90003004', name: '孙永福', gender: 'M' }]);
    // 1. Both bid forms give the broker's mobile number, written two ways.
    const [ph] = await ctx.all<{ m: string }>(`SELECT mobile('b003', $1) AS m`, [lots[0]!.tender_id]);
    const m = ph!.m;
    await ctx.run(`UPDATE bid SET contact_phone = $1 WHERE bid_id = $2`, [`${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, l1![0]!.bid_id]);
    await ctx.run(`UPDATE bid SET contact_phone = $1 WHERE bid_id = $2`, [`+86-${m}`, l1![1]!.bid_id]);
    record(ctx, 'planted', lots[0]!.tender_id, '-', l1![0]!.org_id, l1![1]!.org_id, '两家投标人投标文件中的联系电话为同一手机号（书写格式不同）',
      'both bid forms give the same mobile number (written differently)');
    // 2. Both bid forms give the same mailbox.
    const [ml] = await ctx.all<{ e: string }>(`SELECT CAST(ui('b003m', $1, 100000000, 3999999999) AS VARCHAR) AS e`, [lots[1]!.tender_id]);
    await ctx.run(`UPDATE bid SET contact_email = $1 WHERE bid_id = $2`, [`${ml!.e}@qq.com`, l2![0]!.bid_id]);
    await ctx.run(`UPDATE bid SET contact_email = $1 WHERE bid_id = $2`, [`${ml!.e}@QQ.com`, l2![2]!.bid_id]);
    record(ctx, 'planted', lots[1]!.tender_id, '-', l2![0]!.org_id, l2![2]!.org_id, '两家投标人投标文件中的联系邮箱相同',
      'both bid forms give the same e-mail address');
    // 3. One broker is the authorised agent of two bidders.
    await ctx.run(`UPDATE bid SET agent_person_id = 'P90003001' WHERE bid_id IN ($1, $2)`, [l3![1]!.bid_id, l3![2]!.bid_id]);
    record(ctx, 'planted', lots[2]!.tender_id, '-', l3![1]!.org_id, l3![2]!.org_id, '两家投标人的授权委托人为同一人',
      'both bidders authorised the same person as their agent');
    // 4. One broker registered and downloaded the tender documents for two bidders.
    const [pub] = await ctx.all<{ d: string }>(`SELECT CAST(docs_start AS VARCHAR) AS d FROM tender WHERE tender_id = $1`, [lots[3]!.tender_id]);
    await ctx.run(`DELETE FROM doc_download WHERE tender_id = $1 AND org_id IN ($2, $3)`, [lots[3]!.tender_id, l4![0]!.org_id, l4![1]!.org_id]);
    await ctx.run(`INSERT INTO doc_download SELECT $1, '-', b.org_id, 'P90003002', CAST($2 AS TIMESTAMP) + INTERVAL 26 HOUR + to_minutes(CAST(7 * i AS INTEGER)),
        '115.' || CAST(ui('b003ip', $1, 192, 255) AS VARCHAR) || '.' || CAST(ui('b003ip2', $1, 0, 255) AS VARCHAR) || '.17', NULL
      FROM (SELECT org_id, row_number() OVER (ORDER BY org_id) AS i FROM bid WHERE bid_id IN ($3, $4)) b`,
    [lots[3]!.tender_id, pub!.d, l4![0]!.bid_id, l4![1]!.bid_id]);
    record(ctx, 'planted', lots[3]!.tender_id, '-', l4![0]!.org_id, l4![1]!.org_id, '同一人为两家投标人报名并下载招标文件',
      'one person registered and downloaded the tender documents for both bidders');
    // Near miss: one broker is the agent of two firms, but they bid for different lots.
    const n1 = await splitLots(ctx);
    await ctx.run(`UPDATE bid SET agent_person_id = 'P90003003' WHERE bid_id IN ($1, $2)`, [n1.a.bid_id, n1.b.bid_id]);
    record(ctx, 'near_miss', n1.tender_id, undefined, n1.a.org_id, n1.b.org_id, '同一人为两家公司的授权委托人，但两家投标不同标段',
      'one person is the agent of both firms, but they bid for different lots');
    // Near miss: one broker downloaded the documents of different lots for two firms.
    const n2 = await splitLots(ctx);
    const [pub2] = await ctx.all<{ d: string }>(`SELECT CAST(docs_start AS VARCHAR) AS d FROM tender WHERE tender_id = $1`, [n2.tender_id]);
    await ctx.run(`DELETE FROM doc_download WHERE tender_id = $1 AND org_id IN ($2, $3)`, [n2.tender_id, n2.a.org_id, n2.b.org_id]);
    await ctx.run(`INSERT INTO doc_download VALUES ($1, '1', $2, 'P90003004', CAST($4 AS TIMESTAMP) + INTERVAL 30 HOUR, NULL, NULL),
        ($1, '2', $3, 'P90003004', CAST($4 AS TIMESTAMP) + INTERVAL 31 HOUR, NULL, NULL)`, [n2.tender_id, n2.a.org_id, n2.b.org_id, pub2!.d]);
    record(ctx, 'near_miss', n2.tender_id, undefined, n2.a.org_id, n2.b.org_id, '同一人为两家公司下载招标文件，但分别为不同标段',
      'one person downloaded the documents for both firms, but for different lots');
  },
};
