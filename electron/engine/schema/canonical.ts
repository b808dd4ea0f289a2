import type { TableGroup } from '../../contract/workspace.ts';

/** The catalog's tables (Appendix A) by group, in the catalog's order. */
export const CANONICAL_TABLES: Readonly<Record<Exclude<TableGroup, 'synthetic' | 'imports' | 'system'>, readonly string[]>> = {
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

/** Chinese names of the tables, for the analyst's eyes (the SQL names stay English). */
export const TABLE_LABELS_ZH: Readonly<Record<string, string>> = {
  organization: '机构', org_contact: '机构联系方式', person: '人员', org_role: '任职', official_duty: '公职人员职责',
  shareholding: '股权', kinship: '亲属关系', bank_account: '银行账户', person_asset: '个人资产',
  tender: '招标项目', lot: '标段', tender_amendment: '澄清更正', doc_download: '文件下载记录', bid: '投标',
  bid_member: '联合体成员', bid_document: '投标文件', bid_personnel: '投标人员', bid_item: '报价清单', bid_claim: '业绩声明',
  eval_committee: '评标委员会', eval_score: '评分', award: '中标', complaint: '质疑投诉', contract: '合同',
  contract_amendment: '合同变更', subcontract: '分包', project_staff: '在建项目人员', budget_item: '预算项目',
  payment: '支付', bank_txn: '银行流水', decision: '集体决策', grant_award: '补助资金',
  court_case: '司法案件', case_party: '案件当事人', credit_list: '信用名单', admin_penalty: '行政处罚', certificate: '资质证书',
  social_insurance: '社保缴纳', village_asset: '村集体资产', lease_contract: '租赁承包合同', rent_schedule: '应收租金',
  rent_receipt: '租金收款', village_voucher: '村级记账凭证', cash_balance: '库存现金', benefit_payment: '惠民资金发放',
  model: '模型', model_param: '模型参数', model_run: '模型运行', alert: '预警', alert_action: '预警处置',
  analysis_run: '分析运行', hit: '模型命中', hit_record: '模型命中记录', hit_content: '模型命中内容',
  synthetic_truth: '合成数据真值', import_batch: '导入批次', import_file: '导入文件', quarantine: '隔离数据', ocds_release: 'OCDS 原始发布', workspace_meta: '工作区信息', schema_version: '架构版本',
  v_bid_valid: '有效投标', v_tender_price_stats: '报价统计', v_org_person: '机构关联人员', v_kin: '亲属（双向）',
  v_person_org_link: '人员—机构关联', v_org_link: '机构关联', v_org_link_sym: '机构关联（双向）', v_insurance_span: '社保参保区间', v_bid_person: '投标列名人员（含标段与投标人）', v_bid_doc: '投标文件作者（含标段与投标人）', v_bid_identity: '投标人的上传设备与联系方式',
  v_lot_shared_device: '同一标段共用的上传设备特征', v_lot_shared_account: '同一标段共用的保证金账户', v_deposit_payer: '非本单位基本账户缴纳的保证金',
  v_lot_price_list: '标段有效报价序列', v_bid_item_same: '分项单价相同的投标对', v_bid_staff_insurance: '投标列名人员在本单位的参保区间', v_foreign_insurance: '关联人员在他单位参保的月份',
  region: '行政区划', v_warning_list: '预警列表',
  v_ocds_process: 'OCDS 采购项目', v_ocds_bid: 'OCDS 投标', v_ocds_award: 'OCDS 中标',
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
for (const t of ['analysis_run', 'hit', 'hit_record', 'hit_content']) GROUP_OF.set(t, 'models');
for (const t of ['import_batch', 'import_file', 'quarantine', 'ocds_release']) GROUP_OF.set(t, 'imports');

export function groupOf(table: string): TableGroup {
  return GROUP_OF.get(table) ?? 'system';
}
