import type { TableGroup } from '../../contract/workspace.ts';

/** The catalog's tables (Appendix A) by group, in the catalog's order. */
export const CANONICAL_TABLES: Readonly<Record<Exclude<TableGroup, 'synthetic' | 'system'>, readonly string[]>> = {
  parties: ['organization', 'org_contact', 'person', 'org_role', 'official_duty', 'shareholding', 'kinship',
    'bank_account', 'person_asset'],
  procurement: ['tender', 'lot', 'tender_amendment', 'doc_download', 'bid', 'bid_member', 'bid_document',
    'bid_personnel', 'bid_item', 'bid_claim', 'eval_committee', 'eval_score', 'award', 'complaint', 'contract',
    'contract_amendment', 'subcontract', 'project_staff', 'budget_item'],
  money: ['payment', 'bank_txn', 'decision', 'grant_award'],
  external: ['court_case', 'case_party', 'credit_list', 'admin_penalty', 'certificate', 'social_insurance'],
  village: ['village_asset', 'lease_contract', 'rent_schedule', 'rent_receipt', 'village_voucher', 'cash_balance',
    'benefit_payment'],
  models: ['model', 'model_param', 'model_run', 'alert', 'alert_action'],
};

/** The tables that hold source data (everything but the workbench's own model and alert tables). */
export const DATA_TABLES: readonly string[] = [
  ...CANONICAL_TABLES.parties, ...CANONICAL_TABLES.procurement, ...CANONICAL_TABLES.money,
  ...CANONICAL_TABLES.external, ...CANONICAL_TABLES.village,
];

const GROUP_OF = new Map<string, TableGroup>();
for (const [group, tables] of Object.entries(CANONICAL_TABLES)) {
  for (const t of tables) GROUP_OF.set(t, group as TableGroup);
}
GROUP_OF.set('synthetic_truth', 'synthetic');

export function groupOf(table: string): TableGroup {
  return GROUP_OF.get(table) ?? 'system';
}
