import { bidsOfLots, pairId, sorted } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

interface TimedBid { bid_id: string; org_id: string; submit_time: string }

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', tenderId: string, a: string, b: string, zh: string, en: string) {
  const [x, y] = sorted(a, b);
  ctx.record({ truth, subject_type: 'org_pair', subject_id: pairId(a, b), tender_id: tenderId, lot_id: '-', org_id: x, org_id_b: y, note_zh: zh, note_en: en });
}

const hoursApart = (a: string, b: string) => Math.abs(Date.parse(`${a.replace(' ', 'T')}Z`) - Date.parse(`${b.replace(' ', 'T')}Z`)) / 3_600_000;

const OPEN = `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '-'`;

/**
 * A newly claimed un-lotted lot with two bids whose submission times are `apart` (in hours); submission times
 * are left as they are (documents, deposits and downloads precede them).
 */
async function lotWithPair(ctx: PlantContext, apart: (hours: number) => boolean): Promise<{ tender_id: string; a: TimedBid; b: TimedBid }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [lot] = await ctx.claimLots(1, OPEN);
    const bids = await ctx.all<TimedBid>(`SELECT bid_id, org_id, CAST(submit_time AS VARCHAR) AS submit_time FROM bid
      WHERE tender_id = $1 AND lot_id = '-' ORDER BY bid_id`, [lot!.tender_id]);
    for (const [i, a] of bids.entries()) {
      const b = bids.slice(i + 1).find((x) => apart(hoursApart(a.submit_time, x.submit_time)));
      if (b) return { tender_id: lot!.tender_id, a, b };
    }
  }
  throw new Error('BID-002: no lot with two bids that far apart');
}

/** For each identifier, a fresh value of the background's form, drawn from the bid id. */
const FRESH: Record<string, string> = {
  upload_mac: `'3C-' || array_to_string([substr(h, 1, 2), substr(h, 3, 2), substr(h, 5, 2), substr(h, 7, 2), substr(h, 9, 2)], '-')`,
  cpu_serial: `'BFEBFBFF' || substr(h, 1, 8)`,
  disk_serial: `'WD-' || substr(h, 1, 16)`,
  upload_ip: `'115.' || CAST(192 + ui('b002ip1', bid_id, 0, 63) AS VARCHAR) || '.' || CAST(ui('b002ip2', bid_id, 0, 255) AS VARCHAR) || '.'
    || CAST(ui('b002ip3', bid_id, 1, 254) AS VARCHAR)`,
};

/** BID-002: bid files of different bidders uploaded from one computer or one network. */
export const plant: Plant = {
  modelId: 'BID-002',
  // Every firm uploads from its own computer and network. Should two firms' identifiers ever coincide in a lot,
  // the later firm's bid gets an identifier of its own (only values shared by two firms anywhere are examined).
  async neutralize(ctx) {
    for (const [col, fresh] of Object.entries(FRESH)) {
      await ctx.run(`UPDATE bid SET ${col} = (SELECT ${fresh} FROM (SELECT upper(md5('b002:${col}:' || bid_id)) AS h))
        WHERE bid_id IN (
          WITH multi AS (SELECT ${col} AS v FROM bid WHERE ${col} IS NOT NULL GROUP BY ${col} HAVING min(org_id) <> max(org_id)),
          c AS (SELECT bid_id, tender_id, lot_id, org_id, ${col} AS v FROM bid WHERE ${col} IN (SELECT v FROM multi))
          SELECT y.bid_id FROM c x JOIN c y ON x.tender_id = y.tender_id AND x.lot_id = y.lot_id AND x.v = y.v AND x.org_id < y.org_id)`);
    }
  },
  async plant(ctx) {
    const lots = await ctx.claimLots(3, OPEN);
    const [l1, l2, l3] = await bidsOfLots(ctx, lots);
    // 1. The second bidder's file was uploaded through the first bidder's network card.
    await ctx.run(`UPDATE bid SET upload_mac = (SELECT upload_mac FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [l1![0]!.bid_id, l1![1]!.bid_id]);
    record(ctx, 'planted', lots[0]!.tender_id, l1![0]!.org_id, l1![1]!.org_id, '两家投标人的投标文件由同一网卡（MAC地址相同）上传',
      'two bidders\' files were uploaded through the same network card (same MAC address)');
    // 2. One computer uploaded both bids: network card, CPU, disk and IP address all the same.
    await ctx.run(`UPDATE bid SET upload_mac = s.upload_mac, cpu_serial = s.cpu_serial, disk_serial = s.disk_serial, upload_ip = s.upload_ip
      FROM (SELECT upload_mac, cpu_serial, disk_serial, upload_ip FROM bid WHERE bid_id = $1) s WHERE bid.bid_id = $2`, [l2![0]!.bid_id, l2![2]!.bid_id]);
    record(ctx, 'planted', lots[1]!.tender_id, l2![0]!.org_id, l2![2]!.org_id, '两家投标人的投标文件在同一台电脑上传（MAC、CPU、硬盘序列号和IP均相同）',
      'one computer uploaded both bids (MAC, CPU and disk serials and IP all the same)');
    // 3. The same office network (IP address only), the uploads within a day of each other.
    const near = await lotWithPair(ctx, (h) => h <= 20);
    await ctx.run(`UPDATE bid SET upload_ip = (SELECT upload_ip FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [near.a.bid_id, near.b.bid_id]);
    record(ctx, 'planted', near.tender_id, near.a.org_id, near.b.org_id, '两家投标人在同一天内从同一IP地址上传投标文件',
      'two bidders uploaded from the same IP address within a day');
    // Near miss: both uploaded in the trading centre's self-service hall, through its gateway (a whitelisted intranet address).
    await ctx.run(`UPDATE bid SET upload_ip = '10.33.15.1' WHERE bid_id IN ($1, $2)`, [l3![0]!.bid_id, l3![1]!.bid_id]);
    record(ctx, 'near_miss', lots[2]!.tender_id, l3![0]!.org_id, l3![1]!.org_id, '两家投标人均在交易中心自助投标区上传（中心网关地址，已列入白名单）',
      'both bidders uploaded in the trading centre\'s self-service hall (its gateway address is whitelisted)');
    // Near miss: the same public IP address (a shared co-working network), but uploads more than a day apart.
    const far = await lotWithPair(ctx, (h) => h > 30);
    await ctx.run(`UPDATE bid SET upload_ip = (SELECT upload_ip FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [far.a.bid_id, far.b.bid_id]);
    record(ctx, 'near_miss', far.tender_id, far.a.org_id, far.b.org_id, '同一公网IP（共享办公网络），但两次上传相隔超过24小时',
      'the same public IP address (a shared office network), but the uploads were more than 24 hours apart');
  },
};
