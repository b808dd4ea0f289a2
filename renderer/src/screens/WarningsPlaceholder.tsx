// Warnings and drill-down are built on another branch (engine queries for warnings, evidence, graph and
// timeline); until they are wired here, this screen says so and shows the raw warnings table.
import { useEffect, useState } from 'react';
import type { TableInfo } from '../../../electron/contract/workspace.ts';
import { useApi } from '../api/context.tsx';
import { TableGrid } from '../grid/TableGrid.tsx';
import { useLocale } from '../i18n/locale.tsx';

export function WarningsPlaceholder() {
  const api = useApi();
  const { t } = useLocale();
  const [alert, setAlert] = useState<TableInfo | null>(null);
  useEffect(() => {
    void api.listTables({ views: false }).then((r) => r.ok && setAlert(r.value.find((x) => x.name === 'alert') ?? null));
  }, [api]);
  return (
    <div className="main-panel" data-testid="warnings-placeholder">
      <header className="panel-head"><h2>{t('warningsComingTitle')}</h2></header>
      <p className="note-box">{t('warningsComing')}</p>
      {alert && <TableGrid table="alert" columns={alert.columns} />}
    </div>
  );
}
