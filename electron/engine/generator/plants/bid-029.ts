import type { Plant, PlantContext } from './plant.ts';

/** Weekdays in (a, b] of two DATE expressions, as BID-029 counts working days. */
const workdays = (a: string, b: string) => `((5 * (date_diff('day', DATE '1970-01-05', ${b}) // 7) + least(date_diff('day', DATE '1970-01-05', ${b}) % 7 + 1, 5))
  - (5 * (date_diff('day', DATE '1970-01-05', ${a}) // 7) + least(date_diff('day', DATE '1970-01-05', ${a}) % 7 + 1, 5)))`;

/** Tenders of competitive negotiation or request for quotation that give fewer than 3 working days. */
const SHORT_QUOTES = `method_detail IN ('竞争性谈判', '询价') AND docs_start IS NOT NULL AND bid_deadline IS NOT NULL
  AND ${workdays('CAST(docs_start AS DATE)', 'CAST(bid_deadline AS DATE)')} < 3`;

/**
 * Publish a tender later: its documents are issued from `publish` on, so the period to the unchanged deadline
 * is shorter. Everything that must follow the publication moves with it: the bids (submitted at least two hours
 * after it), their files, deposits and document downloads, and clarifications.
 */
async function publishAt(ctx: PlantContext, tenderId: string, publish: string): Promise<void> {
  const p = `CAST($2 AS TIMESTAMP)`;
  await ctx.run(`UPDATE tender SET publish_date = ${p}, docs_start = ${p},
      docs_end = least(${p} + INTERVAL 5 DAY, date_trunc('day', bid_deadline) - INTERVAL 15 HOUR) WHERE tender_id = $1`, [tenderId, publish]);
  await ctx.run(`UPDATE bid SET submit_time = ${p} + to_seconds(CAST(date_diff('second', ${p}, t.bid_deadline) * (0.3 + 0.6 * u('b029s', bid.bid_id)) AS BIGINT))
    FROM tender t WHERE t.tender_id = bid.tender_id AND bid.tender_id = $1 AND bid.submit_time < ${p} + INTERVAL 2 HOUR`, [tenderId, publish]);
  await ctx.run(`UPDATE bid_document SET created_at = greatest(bid_document.created_at, ${p} + INTERVAL 1 HOUR),
      modified_at = least(greatest(bid_document.modified_at, bid_document.created_at, ${p} + INTERVAL 1 HOUR), b.submit_time)
    FROM bid b WHERE b.bid_id = bid_document.bid_id AND b.tender_id = $1`, [tenderId, publish]);
  await ctx.run(`UPDATE bid SET deposit_paid_time = least(greatest(deposit_paid_time, ${p} + INTERVAL 1 HOUR), submit_time)
    WHERE tender_id = $1 AND deposit_paid_time IS NOT NULL`, [tenderId, publish]);
  await ctx.run(`UPDATE doc_download SET download_time = least(greatest(doc_download.download_time, ${p} + INTERVAL 30 MINUTE), b.submit_time)
    FROM bid b WHERE b.tender_id = doc_download.tender_id AND b.lot_id = doc_download.lot_id AND b.org_id = doc_download.org_id
      AND doc_download.tender_id = $1`, [tenderId, publish]);
  await ctx.run(`UPDATE tender_amendment SET amend_date = ${p} + INTERVAL 1 DAY WHERE tender_id = $1 AND amend_date < ${p} + INTERVAL 1 DAY`, [tenderId, publish]);
}

interface Case {
  truth: 'planted' | 'near_miss';
  method: string;
  /** Calendar days from publication back from the deadline day. */
  days: number;
  /** ISO day of week the deadline must fall on (1 = Monday), when the weekday matters. */
  deadlineDow?: number;
  zh: string; en: string;
}

const CASES: Case[] = [
  { truth: 'planted', method: '公开招标', days: 15, zh: '公开招标自发出招标文件至投标截止仅15日（法定不少于20日）',
    en: 'an open tender gave only 15 days from issuing the documents to the deadline (the law requires 20)' },
  { truth: 'planted', method: '公开招标', days: 19, zh: '公开招标等标期19日，比法定20日少1日',
    en: 'an open tender gave 19 days, one short of the statutory 20' },
  { truth: 'planted', method: '竞争性磋商', days: 7, zh: '竞争性磋商自磋商文件发出至响应截止仅7日（法定不少于10日）',
    en: 'a competitive consultation gave 7 days for responses (the rule requires 10)' },
  { truth: 'planted', method: '询价', days: 4, deadlineDow: 1, zh: '询价周四发出通知、下周一截止，仅2个工作日（法定不少于3个工作日）',
    en: 'a request for quotation issued on a Thursday closed the next Monday: 2 working days where 3 are required' },
  { truth: 'near_miss', method: '公开招标', days: 20, zh: '公开招标等标期恰为20日，符合法定最短期限',
    en: 'an open tender gave exactly the statutory 20 days' },
  { truth: 'near_miss', method: '竞争性磋商', days: 10, zh: '竞争性磋商响应期恰为10日，符合规定',
    en: 'a competitive consultation gave exactly the required 10 days' },
  { truth: 'near_miss', method: '竞争性谈判', days: 5, deadlineDow: 2, zh: '竞争性谈判周四发出、下周二截止，跨周末共3个工作日，符合规定',
    en: 'a competitive negotiation issued on a Thursday closed the next Tuesday: 3 working days over a weekend, as required' },
];

/** BID-029: submission periods shorter than the statutory minimum for the procurement method. */
export const plant: Plant = {
  modelId: 'BID-029',
  /**
   * The background gives every method its minimum plus 1–12 calendar days, so a negotiation or quotation
   * published late in the week can close with fewer than 3 working days. Such tenders issue their documents
   * one working day earlier (and are published no later than that; the bids, files and downloads already
   * follow the publication) until none is left.
   */
  async neutralize(ctx) {
    for (let round = 0; round < 5; round++) {
      const [r] = await ctx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM tender WHERE ${SHORT_QUOTES}`);
      if (Number(r!.n) === 0) return;
      const back = `docs_start - to_days(CASE isodow(docs_start) WHEN 1 THEN 3 WHEN 7 THEN 2 ELSE 1 END)`;
      await ctx.run(`UPDATE tender SET publish_date = least(publish_date, ${back}), docs_start = ${back} WHERE ${SHORT_QUOTES}`);
    }
  },

  async plant(ctx) {
    for (const c of CASES) {
      // A completed, un-lotted tender of the method whose publication, `days` before the deadline day, is a weekday.
      const [lot] = await ctx.claimLots(1, `t.method_detail = $1 AND l.lot_id = '-' AND t.status = 'complete'
        AND isodow(CAST(t.bid_deadline AS DATE) - CAST($2 AS INTEGER)) <= 5 AND ($3 = 0 OR isodow(t.bid_deadline) = $3)
        AND date_diff('day', CAST(t.docs_start AS DATE), CAST(t.bid_deadline AS DATE)) > $2`, [c.method, c.days, c.deadlineDow ?? 0]);
      const t = lot!.tender_id;
      const [when] = await ctx.all<{ p: string }>(`SELECT strftime(CAST(bid_deadline AS DATE) - CAST($2 AS INTEGER) + INTERVAL 9 HOUR
          + to_minutes(CAST(ui('b029p', tender_id, 0, 300) AS INTEGER)), '%Y-%m-%d %H:%M:%S') AS p FROM tender WHERE tender_id = $1`, [t, c.days]);
      await publishAt(ctx, t, when!.p);
      ctx.record({ truth: c.truth, subject_type: 'tender', subject_id: t, tender_id: t, note_zh: c.zh, note_en: c.en });
    }
  },
};
