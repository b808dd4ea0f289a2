import { createReadStream, createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { SerialConnection } from '../db/serial-connection.ts';

const BATCH = 100_000;

/**
 * The synthetic province's tenders as OCDS compiled releases, one JSON object per line (the input of
 * `clearsight ocds-flags` and Cardinal): parties, buyer, tender (method, details, tender period, procuring
 * entity, number of tenderers), bids.details (status, date, value, tenderer) and awards (status, supplier,
 * value, the tender's class code as the item classification). DuckDB writes the file as it goes, so a
 * million releases never sit in memory. `limit` takes the first tenders by id; returns the releases written.
 */
export async function exportOcdsReleases(conn: SerialConnection, file: string, limit?: number, batch = BATCH): Promise<number> {
  const n = limit ?? Number((await conn.one<{ n: number }>(`SELECT count(*) AS n FROM tender`))!.n);
  await conn.exclusive(async (c) => {
    await c.run(`CREATE OR REPLACE TEMP TABLE _ocds_tenders AS SELECT *, row_number() OVER (ORDER BY tender_id) - 1 AS k
      FROM tender ORDER BY tender_id LIMIT $1`, [Math.max(0, Math.floor(n))]);
    // In batches of tenders, each into a part file appended to the output: the releases' nested lists of a
    // whole bench province at once do not fit in DuckDB's memory (they cannot spill).
    const part = `${file}.part`;
    writeFileSync(file, '');
    for (let lo = 0; lo < n; lo += batch) {
      await c.run(`COPY (
      WITH ts AS (SELECT * EXCLUDE (k) FROM _ocds_tenders WHERE k >= ${lo} AND k < ${lo + batch}),
      bids AS (
        SELECT b.tender_id, count(DISTINCT b.org_id) FILTER (WHERE b.status <> 'withdrawn') AS tenderers,
          list({'id': b.bid_id, 'status': b.status, 'date': strftime(b.submit_time, '%Y-%m-%dT%H:%M:%S+08:00'),
                'value': {'amount': CAST(b.price_cny AS DOUBLE), 'currency': 'CNY'}, 'tenderers': [{'id': b.org_id}], 'relatedLots': [b.lot_id]}
               ORDER BY b.bid_id) AS details,
          list(DISTINCT b.org_id) AS orgs
        FROM bid b SEMI JOIN ts ON ts.tender_id = b.tender_id GROUP BY b.tender_id
      ),
      awards AS (
        SELECT a.tender_id,
          list({'id': a.award_id, 'status': a.status, 'date': strftime(a.notice_date, '%Y-%m-%dT%H:%M:%S+08:00'),
                'value': {'amount': CAST(a.award_value_cny AS DOUBLE), 'currency': 'CNY'}, 'suppliers': [{'id': a.supplier_org_id}],
                'items': [{'id': '1', 'classification': {'scheme': 'CN-GPC', 'id': t.class_code}}], 'relatedLots': [a.lot_id]}
               ORDER BY a.award_id) AS awards
        FROM award a JOIN ts t ON t.tender_id = a.tender_id GROUP BY a.tender_id
      ),
      roles AS (
        SELECT tender_id, org_id, list(DISTINCT role ORDER BY role) AS roles FROM (
          SELECT tender_id, buyer_org_id AS org_id, 'buyer' AS role FROM ts
          UNION ALL SELECT tender_id, agency_org_id, 'procuringEntity' FROM ts WHERE agency_org_id IS NOT NULL
          UNION ALL SELECT tender_id, unnest(orgs), 'tenderer' FROM bids)
        GROUP BY ALL
      ),
      parties AS (
        SELECT r.tender_id, list({'id': r.org_id, 'name': o.name, 'identifier': {'scheme': 'CN-USCC', 'id': o.uscc}, 'roles': r.roles} ORDER BY r.org_id) AS parties
        FROM roles r LEFT JOIN organization o ON o.org_id = r.org_id GROUP BY r.tender_id
      )
      SELECT coalesce(t.ocid, 'ocds-zj0001-' || t.tender_id) AS ocid, t.tender_id || '-compiled' AS id,
        strftime(coalesce(t.publish_date, t.bid_deadline), '%Y-%m-%dT%H:%M:%S+08:00') AS date, ['compiled'] AS tag, 'tender' AS initiationType,
        p.parties, {'id': t.buyer_org_id} AS buyer,
        {'id': t.tender_id, 'title': t.title, 'status': t.status, 'procurementMethod': t.procurement_method,
         'procurementMethodDetails': t.method_detail, 'mainProcurementCategory': t.category, 'awardCriteria': t.award_criteria,
         'value': {'amount': CAST(t.max_price_cny AS DOUBLE), 'currency': 'CNY'}, 'numberOfTenderers': coalesce(b.tenderers, 0),
         'tenderPeriod': {'startDate': strftime(coalesce(t.docs_start, t.publish_date), '%Y-%m-%dT%H:%M:%S+08:00'),
                          'endDate': strftime(t.bid_deadline, '%Y-%m-%dT%H:%M:%S+08:00')},
         'procuringEntity': {'id': t.agency_org_id}} AS tender,
        {'details': coalesce(b.details, [])} AS bids, coalesce(a.awards, []) AS awards
      FROM ts t LEFT JOIN bids b USING (tender_id) LEFT JOIN awards a USING (tender_id) LEFT JOIN parties p USING (tender_id)
      ORDER BY t.tender_id
    ) TO '${part.replaceAll("'", "''")}' (FORMAT json)`); // a COPY target cannot be bound: quoted as export.ts does
      await pipeline(createReadStream(part), createWriteStream(file, { flags: 'a' }));
    }
    rmSync(part, { force: true });
  });
  const written = await conn.one<{ n: number }>(`SELECT count(*) AS n FROM temp._ocds_tenders`);
  await conn.run(`DROP TABLE IF EXISTS temp._ocds_tenders`);
  return Number(written!.n);
}
