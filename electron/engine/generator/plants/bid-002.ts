import { bidsOfLots, pairId, sorted } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

interface TimedBid { bid_id: string; org_id: string; submit_time: string; deadline: string; publish: string }

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', tenderId: string, a: string, b: string, zh: string, en: string) {
  const [x, y] = sorted(a, b);
  ctx.record({ truth, subject_type: 'org_pair', subject_id: pairId(a, b), tender_id: tenderId, lot_id: '-', org_id: x, org_id_b: y, note_zh: zh, note_en: en });
}

/** The bids of an un-lotted lot with their submission times, the deadline and the publication. */
function timedBids(ctx: PlantContext, tenderId: string): Promise<TimedBid[]> {
  return ctx.all<TimedBid>(`SELECT b.bid_id, b.org_id, CAST(b.submit_time AS VARCHAR) AS submit_time, CAST(t.bid_deadline AS VARCHAR) AS deadline,
      CAST(t.publish_date AS VARCHAR) AS publish
    FROM bid b JOIN tender t USING (tender_id) WHERE b.tender_id = $1 AND b.lot_id = '-' ORDER BY b.bid_id`, [tenderId]);
}

const hoursApart = (a: string, b: string) => Math.abs(Date.parse(`${a.replace(' ', 'T')}Z`) - Date.parse(`${b.replace(' ', 'T')}Z`)) / 3_600_000;

const COLUMNS = ['upload_mac', 'cpu_serial', 'disk_serial', 'upload_ip'] as const;

/** BID-002: bid files of different bidders uploaded from one computer or one network. */
export const plant: Plant = {
  modelId: 'BID-002',
  // Every firm uploads from its own computer and network. Should two firms' identifiers ever coincide in a lot,
  // the later firm's bid gets an identifier of its own (only values shared by two firms anywhere are examined).
  async neutralize(ctx) {
    for (const col of COLUMNS) {
      await ctx.run(`UPDATE bid SET ${col} = ${col} || '-' || substr(md5('b002:' || bid_id), 1, 4)
        WHERE bid_id IN (
          WITH multi AS (SELECT ${col} AS v FROM bid WHERE ${col} IS NOT NULL GROUP BY ${col} HAVING min(org_id) <> max(org_id)),
          c AS (SELECT bid_id, tender_id, lot_id, org_id, ${col} AS v FROM bid WHERE ${col} IN (SELECT v FROM multi))
          SELECT y.bid_id FROM c x JOIN c y ON x.tender_id = y.tender_id AND x.lot_id = y.lot_id AND x.v = y.v AND x.org_id < y.org_id)`);
    }
  },
  async plant(ctx) {
    const lots = await ctx.claimLots(5, `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '-'`);
    const [l1, l2, , l4] = await bidsOfLots(ctx, lots.slice(0, 4));
    // 1. The second bidder's file was uploaded through the first bidder's network card.
    await ctx.run(`UPDATE bid SET upload_mac = (SELECT upload_mac FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [l1![0]!.bid_id, l1![1]!.bid_id]);
    record(ctx, 'planted', lots[0]!.tender_id, l1![0]!.org_id, l1![1]!.org_id, '两家投标人的投标文件由同一网卡（MAC地址相同）上传',
      'two bidders\' files were uploaded through the same network card (same MAC address)');
    // 2. One computer uploaded both bids: network card, CPU, disk and IP address all the same.
    await ctx.run(`UPDATE bid SET upload_mac = s.upload_mac, cpu_serial = s.cpu_serial, disk_serial = s.disk_serial, upload_ip = s.upload_ip
      FROM (SELECT upload_mac, cpu_serial, disk_serial, upload_ip FROM bid WHERE bid_id = $1) s WHERE bid.bid_id = $2`, [l2![0]!.bid_id, l2![2]!.bid_id]);
    record(ctx, 'planted', lots[1]!.tender_id, l2![0]!.org_id, l2![2]!.org_id, '两家投标人的投标文件在同一台电脑上传（MAC、CPU、硬盘序列号和IP均相同）',
      'one computer uploaded both bids (MAC, CPU and disk serials and IP all the same)');
    // 3. The same office network (IP address only), the uploads 40 minutes apart.
    const t3 = await timedBids(ctx, lots[2]!.tender_id);
    const [a3, b3] = [t3[0]!, t3[1]!];
    await ctx.run(`UPDATE bid SET upload_ip = (SELECT upload_ip FROM bid WHERE bid_id = $1),
        submit_time = least((SELECT submit_time FROM bid WHERE bid_id = $1) + INTERVAL 40 MINUTE, CAST($3 AS TIMESTAMP) - INTERVAL 10 MINUTE)
      WHERE bid_id = $2`, [a3.bid_id, b3.bid_id, a3.deadline]);
    record(ctx, 'planted', lots[2]!.tender_id, a3.org_id, b3.org_id, '两家投标人从同一IP地址上传投标文件，时间相隔40分钟',
      'two bidders uploaded from the same IP address 40 minutes apart');
    // Near miss: both uploaded in the trading centre's self-service hall, through its gateway (a whitelisted intranet address).
    await ctx.run(`UPDATE bid SET upload_ip = '10.33.15.1' WHERE bid_id IN ($1, $2)`, [l4![0]!.bid_id, l4![1]!.bid_id]);
    record(ctx, 'near_miss', lots[3]!.tender_id, l4![0]!.org_id, l4![1]!.org_id, '两家投标人均在交易中心自助投标区上传（中心网关地址，已列入白名单）',
      'both bidders uploaded in the trading centre\'s self-service hall (its gateway address is whitelisted)');
    // Near miss: the same public IP address (a shared co-working network), but uploads more than a day apart.
    const t5 = await timedBids(ctx, lots[4]!.tender_id);
    const far = t5.flatMap((a, i) => t5.slice(i + 1).map((b) => [a, b] as const)).find(([a, b]) => hoursApart(a.submit_time, b.submit_time) > 30);
    let a5: TimedBid, b5: TimedBid;
    if (far) {
      [a5, b5] = far;
    } else {
      // The bids all came within 30 hours: move the second one two days earlier (still well after publication).
      [a5, b5] = [t5[0]!, t5[1]!];
      await ctx.run(`UPDATE bid SET submit_time = greatest(CAST($2 AS TIMESTAMP) - INTERVAL 48 HOUR, CAST($3 AS TIMESTAMP) + INTERVAL 2 HOUR) WHERE bid_id = $1`,
        [b5.bid_id, a5.submit_time, b5.publish]);
    }
    await ctx.run(`UPDATE bid SET upload_ip = (SELECT upload_ip FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [a5.bid_id, b5.bid_id]);
    record(ctx, 'near_miss', lots[4]!.tender_id, a5.org_id, b5.org_id, '同一公网IP（共享办公网络），但两次上传相隔超过24小时',
      'the same public IP address (a shared office network), but the uploads were more than 24 hours apart');
  },
};
