// The key column of each canonical table that has one. Imports enforce these (present, trimmed, unique in the
// file and against the workspace; see import/validate.ts) instead of DuckDB constraints, whose index made
// large imports a third slower (migration 010). Tables outside this list keep a PRIMARY KEY if they have one.
export const CANONICAL_KEYS: Readonly<Record<string, string>> = {
  organization: 'org_id',
  person: 'person_id',
  tender: 'tender_id',
  bid: 'bid_id',
  bank_account: 'account_id',
  award: 'award_id',
  contract: 'contract_id',
  payment: 'payment_id',
  decision: 'decision_id',
  court_case: 'case_id',
  certificate: 'cert_id',
  village_asset: 'asset_id',
  lease_contract: 'lease_id',
};
