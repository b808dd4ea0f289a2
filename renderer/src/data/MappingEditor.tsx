// The mapping editor: each source column → a canonical column with a transform, built into a mapping profile
// (the same JSON the CLI's --mapping reads). Profiles can be loaded (built-in or saved) and saved to the
// workspace; the first rows after mapping come from the engine, which maps them exactly as the import will.
import { useEffect, useMemo, useState } from 'react';
import type { ImportPreview, MappingProfileJson, MappingRule, SavedProfile } from '../../../electron/contract/data.ts';
import { useApi } from '../api/context.tsx';
import { useLocale } from '../i18n/locale.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const TRANSFORMS = ['none', 'trim', 'upper', 'lower', 'date', 'amount', 'phone', 'id_hash', 'org'] as const;
type TransformChoice = (typeof TRANSFORMS)[number];
interface Row { from: string; to: string; transform: TransformChoice; unit: '' | '元' | '万元' | '亿元'; map?: Record<string, string> }

/** Rows for the file's headings from a profile (its first rule naming each heading), else same-name columns. */
function rowsFrom(headings: string[], columns: string[], profile: MappingProfileJson | null): Row[] {
  return headings.map((h) => {
    const r = profile?.columns.find((x) => x.from.includes(h));
    if (!r) return { from: h, to: columns.includes(h) ? h : '', transform: 'none', unit: '' };
    return { from: h, to: r.to, transform: r.resolve === 'org' ? 'org' : r.transform ?? 'none', unit: r.unit ?? '', ...(r.map ? { map: r.map } : {}) };
  });
}

export function buildProfile(name: string, table: string, rows: Row[], base: MappingProfileJson | null): MappingProfileJson {
  const columns: MappingRule[] = rows.filter((r) => r.to !== '').map((r) => ({
    from: [r.from], to: r.to,
    ...(r.transform === 'org' ? { resolve: 'org' as const } : r.transform !== 'none' ? { transform: r.transform } : {}),
    ...(r.transform === 'amount' && r.unit ? { unit: r.unit } : {}),
    ...(r.map ? { map: r.map } : {}),
  }));
  // Defaults and the derived key of the profile the analyst started from stay (bid_id from tender, lot, org …).
  return { name, table, columns, ...(base?.table === table && base.defaults ? { defaults: base.defaults } : {}),
    ...(base?.table === table && base.derive ? { derive: base.derive } : {}) };
}

export function MappingEditor({ preview, onChange }: { preview: ImportPreview; onChange: (p: MappingProfileJson | null) => void }) {
  const api = useApi();
  const { t, n } = useLocale();
  const table = preview.table ?? '';
  const columns = useMemo(() => preview.tableColumns.map((c) => c.name), [preview]);
  const [base, setBase] = useState<MappingProfileJson | null>(preview.profile);
  const [name, setName] = useState(preview.profile?.name ?? `${table} 映射`);
  const [rows, setRows] = useState<Row[]>(() => rowsFrom(preview.headings, columns, preview.profile));
  const [profiles, setProfiles] = useState<SavedProfile[]>([]);
  const [mapped, setMapped] = useState<ImportPreview['mapped']>(preview.mapped);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const profile = useMemo(() => buildProfile(name.trim() || `${table} 映射`, table, rows, base), [name, table, rows, base]);
  useEffect(() => { onChange(profile.columns.length > 0 ? profile : null); }, [profile, onChange]);
  useEffect(() => { void api.listMappingProfiles({}).then((r) => r.ok && setProfiles(r.value)); }, [api]);

  async function refresh() {
    if (profile.columns.length === 0) return;
    const r = await api.importPreview({ path: preview.file, table, profile: profile as unknown as Record<string, unknown> });
    if (r.ok) { setMapped(r.value.mapped); setError(null); } else setError(r.error.message);
  }

  async function save() {
    const r = await api.saveMappingProfile({ profile: profile as unknown as Record<string, unknown> });
    if (r.ok) { setMessage(t('mapSaved', { file: r.value.file })); setError(null); void api.listMappingProfiles({}).then((x) => x.ok && setProfiles(x.value)); } else setError(r.error.message);
  }

  function load(i: number) {
    const p = profiles[i]?.profile;
    if (!p) return;
    setBase(p);
    setName(p.name);
    setRows(rowsFrom(preview.headings, columns, p));
  }

  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <div className="mapping-editor" data-testid="mapping-editor">
      <div className="fc-bar">
        <label>{t('mapLoadProfile')}{' '}
          <select value="" onChange={(e) => load(Number(e.target.value))} data-testid="map-load">
            <option value="">—</option>
            {profiles.map((p, i) => p.table === table && <option key={`${p.builtin}-${p.name}`} value={i}>{p.name}{p.builtin ? '' : ' *'}</option>)}
          </select>
        </label>
        <label className="grow">{t('mapProfileName')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="map-name" /></label>
        <button type="button" onClick={() => void save()} data-testid="map-save">{t('mapSaveProfile')}</button>
      </div>
      {message && <div className="note-box" role="status">{message}</div>}
      {error && <div className="error-box" role="alert">{error}</div>}
      <div className="map-table-wrap">
        <table className="map-table">
          <thead><tr><th>{t('mapSource')}</th><th>{t('mapTarget')}</th><th>{t('mapTransform')}</th><th>{t('mapUnit')}</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.from} data-source={r.from}>
                <td>{r.from}</td>
                <td>
                  <select value={r.to} onChange={(e) => set(i, { to: e.target.value })} aria-label={`${r.from} → ${t('mapTarget')}`} data-testid={`map-to-${i}`}>
                    <option value="">{t('mapIgnore')}</option>
                    {preview.tableColumns.map((c) => <option key={c.name} value={c.name}>{c.name} · {c.type}</option>)}
                  </select>
                </td>
                <td>
                  <select value={r.transform} onChange={(e) => set(i, { transform: e.target.value as TransformChoice })} aria-label={`${r.from} ${t('mapTransform')}`} data-testid={`map-tr-${i}`}>
                    {TRANSFORMS.map((x) => <option key={x} value={x}>{t(`tr_${x}` as MessageKey)}</option>)}
                  </select>
                </td>
                <td>
                  {r.transform === 'amount' && (
                    <select value={r.unit} onChange={(e) => set(i, { unit: e.target.value as Row['unit'] })} aria-label={`${r.from} ${t('mapUnit')}`}>
                      <option value="">元</option><option value="万元">万元</option><option value="亿元">亿元</option>
                    </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="fc-bar">
        <strong>{t('mapPreview')}</strong>
        <button type="button" onClick={() => void refresh()} data-testid="map-refresh">{t('mapRefresh')}</button>
        {mapped && mapped.problems.length > 0 && <span className="bad">{t('mapProblems', { n: n(mapped.problems.length) })}</span>}
      </div>
      {mapped && <SampleTable headings={mapped.columns} rows={mapped.rows.slice(0, 5)} testId="map-preview" />}
    </div>
  );
}

/** A few rows of text in a plain table (previews: small, so no grid). */
export function SampleTable({ headings, rows, testId }: { headings: string[]; rows: Array<Array<string | null>>; testId: string }) {
  return (
    <div className="sample-wrap" data-testid={testId}>
      <table className="sample">
        <thead><tr>{headings.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j} className={v === null ? 'muted' : undefined}>{v ?? '∅'}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}
