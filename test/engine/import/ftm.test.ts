import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importFiles, type ImportRequest } from '../../../electron/engine/import/import.ts';
import { orgIdFor } from '../../../electron/engine/import/org-identity.ts';
import { idNoHash } from '../../../electron/engine/privacy/id-hash.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const fx = (p: string) => fileURLToPath(new URL(`../../fixtures/import/ftm/${p}`, import.meta.url));

describe('importing FollowTheMoney entity streams', () => {
  let ws: Workspace;
  const imp = (req: ImportRequest) => ws.tasks.run('import', (t) => importFiles(ws, req, t));
  before(async () => {
    ws = await Workspace.init(tempDir());
    // The workspace already knows the public body by name: the FtM entity must not create it twice.
    await ws.conn.run(`INSERT INTO organization (org_id, name, name_norm, org_type) VALUES ('ORG0000001', '永康市教育局', '永康市教育局', 'gov_agency')`);
  });
  after(async () => { await ws.close(); });

  test('fragments merge by id; companies, persons and debarments land in organization, person and credit_list', async () => {
    const s = await imp({ paths: [fx('entities.ftm.json')] });
    assert.deepEqual(s.files.map((f) => [f.table, f.rowsRead, f.rowsLoaded, f.rowsQuarantined]),
      [['organization', 2, 2, 0], ['person', 1, 1, 0], ['credit_list', 3, 3, 0]]);
    const xinda = orgIdFor('91330784MA2HX0009X', null)!;
    const org = await ws.conn.one<Record<string, string>>(`SELECT uscc, name, reg_address, established_date::VARCHAR AS est FROM organization WHERE org_id = $1`, [xinda]);
    assert.deepEqual(org, { uscc: '91330784MA2HX0009X', name: '永康市鑫达建材有限公司', reg_address: '浙江省永康市西城街道1号', est: '2016-05-12' });
    const listing = await ws.conn.one<Record<string, string>>(`SELECT list_type, authority, listed_date::VARCHAR AS l, removed_date::VARCHAR AS r, decision_no
      FROM credit_list WHERE subject_id = $1`, [xinda]);
    assert.deepEqual(listing, { list_type: 'debarment', authority: '浙江省财政厅', l: '2024-03-01', r: '2027-02-28', decision_no: '浙财采监〔2024〕12号' });
    const p = await ws.conn.one<{ h: string; g: string }>(`SELECT id_no_hash AS h, gender AS g FROM person WHERE person_id = 'P-FTM-person-zhang'`);
    assert.deepEqual(p, { h: idNoHash(ws.idHashKey(), '330784197604031234'), g: 'M' });
    const bodies = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM organization WHERE name = '永康市教育局'`);
    assert.equal(Number(bodies!.n), 1);
  });

  test('a line that is not an entity fails the file with its line number', async () => {
    await assert.rejects(imp({ paths: [fx('not-entities.ftm')] }),
      (e: Error & { code?: string; where?: { row?: number } }) => e.code === 'bad_input' && e.where?.row === 2);
  });
});
