/**
 * The canonical values of coded columns (DESIGN.md, Canonical data model), by table.column.
 * Import maps synonyms and Chinese labels onto them; anything else is quarantined.
 */
export const VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  'organization.org_type': ['company', 'individual_business', 'gov_agency', 'public_institution', 'soe', 'village_collective', 'social_org', 'foreign'],
  'shareholding.holder_type': ['org', 'person'], 'case_party.party_type': ['org', 'person'], 'credit_list.subject_type': ['org', 'person'],
  'lease_contract.lessee_type': ['org', 'person'], 'payment.payee_type': ['org', 'person'], 'village_voucher.counterparty_type': ['org', 'person'],
  'grant_award.recipient_type': ['org', 'person'], 'bank_account.holder_type': ['org', 'person'], 'certificate.holder_type': ['org', 'person'],
  'org_role.role': ['legal_rep', 'director', 'supervisor', 'manager', 'finance_head', 'employee', 'agent', 'cadre', 'procurement', 'project_lead'],
  'bid.status': ['valid', 'disqualified', 'withdrawn', 'pending'],
  'bid_personnel.role': ['pm', 'tech_lead', 'safety', 'quality', 'other'],
  'tender.procurement_method': ['open', 'selective', 'limited', 'direct'], 'contract.procurement_method': ['open', 'selective', 'limited', 'direct'],
  'tender.funding_type': ['fiscal', 'state_owned', 'village', 'private', 'mixed'],
  'tender.category': ['goods', 'works', 'services'], 'contract.category': ['goods', 'works', 'services'],
  'court_case.case_type': ['civil', 'criminal', 'administrative', 'enforcement'],
  'case_party.party_role': ['plaintiff', 'defendant', 'third_party', 'enforcee', 'applicant'],
  'kinship.relation': ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'in_law', 'other'],
  'decision.body': ['party_committee', 'board', 'gm_office', 'villagers_assembly', 'village_committee'],
  'bank_account.account_kind': ['basic', 'general', 'special', 'personal'],
  'lease_contract.award_method': ['public_bidding', 'exchange', 'negotiation', 'direct'],
  'lease_contract.payment_cycle': ['monthly', 'quarterly', 'semiannual', 'annual'],
  'credit_list.list_type': ['dishonest_enforcee', 'procurement_blacklist', 'abnormal_operation', 'serious_violation', 'debarment'],
};
