// The Warnings and Drill-down screens: the warning list, its quick filters and counts, one warning's
// detail, the relation graph around it and its timeline. Types and request schemas only.
import { z } from 'zod';
import type { ModelDomain, Severity } from './models.ts';

export type Lang = 'zh' | 'en';

/**
 * One row of the warning list: a row of the view `v_warning_list`, which the generic grid pages, sorts
 * and filters like any table (the column names below are its columns).
 */
export interface WarningRow {
  alert_id: string;
  /** The warning's key (model, subject, tender, lot): a 128-bit number, in decimal digits. */
  fingerprint: string;
  severity: Severity;
  /** 0 red, 1 orange, 2 yellow: sort on this for "most severe first". */
  severity_rank: number;
  /** The model's own severity for the hit; severity is higher when an escalation rule applied. */
  base_severity: Severity;
  escalation: string | null;
  model_id: string;
  model_name_zh: string;
  model_name_en: string;
  domain: ModelDomain;
  category: string | null;
  kind: 'regulatory' | 'supervisory' | null;
  subject_type: string;
  subject_id: string;
  /** What the warning is about, readable: the two companies of a pair, the tender's title, the lessee... */
  subject_name: string;
  tender_id: string | null;
  tender_title: string | null;
  lot_id: string | null;
  org_id: string | null;
  org_name: string | null;
  person_id: string | null;
  person_name: string | null;
  contract_id: string | null;
  lease_id: string | null;
  buyer_org_id: string | null;
  buyer_name: string | null;
  region_code: string | null;
  /** County with its prefecture ("杭州市 上城区") where the code is known. */
  region_name: string | null;
  /** Decimal as text (DuckDB DECIMAL(18,2)). */
  amount_cny: string | null;
  score: number | null;
  occurred_on: string | null;
  first_seen: string;
  last_seen: string;
  times_seen: number;
  last_run_id: string;
  /** First seen by the latest finished run. */
  is_new: boolean;
  /** Closed-loop state: new, assigned, in_progress, feedback_submitted, under_review, closed_*. */
  status: string;
  assignee: string | null;
  due_date: string | null;
  /** Subject, buyer and ids in one lower-cased text, for the quick search. */
  search_text: string;
}

/** The columns of v_warning_list that may be sorted on (the grid may sort any; warningList only these). */
export const WARNING_SORT_COLUMNS = [
  'severity_rank', 'model_id', 'domain', 'subject_name', 'buyer_name', 'region_code', 'amount_cny', 'occurred_on',
  'first_seen', 'last_seen', 'times_seen', 'status', 'alert_id',
] as const;
export type WarningSortColumn = typeof WARNING_SORT_COLUMNS[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The quick filters above the warnings grid; all optional, combined with AND. */
export const warningFiltersSchema = z.object({
  severity: z.array(z.enum(['red', 'orange', 'yellow'])).max(3).optional(),
  domain: z.array(z.enum(['BID', 'SOE', 'FUND', 'VIL', 'OCDS'])).max(5).optional(),
  model: z.array(z.string().min(1).max(40)).max(200).optional(),
  /** A GB/T 2260 code prefix: '33' the province, '3301' a prefecture, '330102' a county. */
  regionPrefix: z.string().regex(/^\d{1,12}$/, 'digits').optional(),
  /** occurred_on from and to, both inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only warnings first seen by the latest run. */
  newOnly: z.boolean().optional(),
  /** Case-insensitive substring of the subject, the buyer, or an id. */
  text: z.string().max(200).optional(),
  status: z.array(z.string().min(1).max(40)).max(20).optional(),
}).strict();
export type WarningFilters = z.infer<typeof warningFiltersSchema>;

export const warningListRequestSchema = z.object({
  filters: warningFiltersSchema.default({}),
  sort: z.array(z.object({ colId: z.enum(WARNING_SORT_COLUMNS), sort: z.enum(['asc', 'desc']) }).strict()).max(5).default([]),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
}).strict();
export type WarningListRequest = z.input<typeof warningListRequestSchema>;

export interface WarningPage {
  rows: WarningRow[];
  /** Rows matching the filters. */
  total: number;
}

/** Warnings by severity under the filters (the severity filter itself still applies). */
export interface WarningCounts {
  red: number;
  orange: number;
  yellow: number;
  total: number;
  /** Of these, first seen by the latest run. */
  new: number;
}

export const warningDetailRequestSchema = z.object({
  alertId: z.string().min(1).max(100),
  lang: z.enum(['zh', 'en']).default('zh'),
  /** Show personal identifiers (phones, e-mails, addresses) unmasked; the default masks them. */
  reveal: z.boolean().default(false),
  /** Rows per record section. */
  rowLimit: z.number().int().min(1).max(500).default(50),
}).strict();
export type WarningDetailRequest = z.input<typeof warningDetailRequestSchema>;

export interface EvidenceItem {
  key: string;
  label_zh: string;
  label_en: string;
  /** The value as the model returned it (masked where personal and not revealed). */
  value: unknown;
  /** The value as text for display: lists joined, ids followed by the name they stand for. */
  text: string;
}

export interface RecordColumn {
  name: string;
  label_zh: string;
  label_en: string;
}

/** One block of records behind a warning: the bids of the tender, the shareholders, the rent receipts... */
export interface RecordSection {
  id: string;
  title_zh: string;
  title_en: string;
  /** The canonical table the rows come from. */
  table: string;
  columns: RecordColumn[];
  rows: Array<Record<string, string | number | boolean | null>>;
  /** Rows there are in all; rows holds at most the row limit. */
  total: number;
  truncated: boolean;
}

export interface WarningAction {
  action_time: string;
  actor: string | null;
  action: string | null;
  from_status: string | null;
  to_status: string | null;
  comment: string | null;
}

export interface WarningDetail {
  warning: WarningRow;
  model: {
    id: string; name_zh: string; name_en: string; domain: string; category: string; kind: string;
    severity: Severity; escalation: string | null; source: string; found: boolean;
  };
  /** The model's explain template filled from the evidence, in both languages; `text` is the asked one. */
  explanation: { zh: string; en: string; text: string };
  evidence: EvidenceItem[];
  records: RecordSection[];
  /** Node ids to seed relationGraph with for this warning. */
  graphSeeds: string[];
  actions: WarningAction[];
  /** Personal identifiers were masked. */
  redacted: boolean;
}

/**
 * Relation graph. Node ids are '<kind>:<key>', e.g. 'org:O1', 'person:P1', 'tender:T1', 'account:A1',
 * 'device:ip:115.192.1.1', 'device:mac:3C5AB4112233', 'device:doc:<sha256>', 'device:phone:<hash>'.
 * Personal contact values (phone, email, address) are identified by a hash, never by the value.
 */
export type GraphNodeKind = 'org' | 'person' | 'account' | 'device' | 'tender';
export type DeviceType = 'ip' | 'mac' | 'cpu' | 'disk' | 'machine' | 'file_id' | 'lock' | 'doc' | 'phone' | 'email' | 'address';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** For devices: what it is. */
  device?: DeviceType;
  label: string;
  /** A second line: USCC, bank, price... */
  detail?: string;
  /** Hops from the nearest seed (0 for seeds). */
  depth: number;
  /** The node is a subject of the warning. */
  seed: boolean;
}

export type GraphEdgeKind =
  | 'shareholder' | 'legal_rep' | 'officer' | 'employee' | 'kin' | 'contact' | 'account_holder' | 'deposit_from'
  | 'bid' | 'won' | 'buyer' | 'agency' | 'device' | 'expert';

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  label_zh: string;
  label_en: string;
}

export interface RelationGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The node limit was reached: some neighbours were left out (expand a node to see more). */
  truncated: boolean;
}

export const relationGraphRequestSchema = z.object({
  seeds: z.array(z.string().min(3).max(300)).min(1).max(50),
  hops: z.number().int().min(1).max(3).default(1),
  limit: z.number().int().min(2).max(2000).default(150),
  reveal: z.boolean().default(false),
}).strict();
export type RelationGraphRequest = z.input<typeof relationGraphRequestSchema>;

export const warningTimelineRequestSchema = z.object({
  alertId: z.string().min(1).max(100),
  limit: z.number().int().min(1).max(2000).default(300),
}).strict();
export type WarningTimelineRequest = z.input<typeof warningTimelineRequestSchema>;

export type TimelineEventKind =
  | 'org_established' | 'org_status' | 'tender_published' | 'tender_amended' | 'docs_period' | 'doc_download'
  | 'bid_deadline' | 'bid_submitted' | 'deposit_paid' | 'opening' | 'expert_drawn' | 'award' | 'publicity' | 'complaint'
  | 'contract_signed' | 'contract_amended' | 'contract_accepted' | 'payment'
  | 'lease_signed' | 'rent_due' | 'rent_received' | 'decision'
  | 'court_case' | 'penalty' | 'credit_listed' | 'warning_first_seen' | 'warning_last_seen';

export interface TimelineEvent {
  /** ISO date or 'YYYY-MM-DD HH:MM:SS'. */
  at: string;
  kind: TimelineEventKind;
  title_zh: string;
  title_en: string;
  /** The node this event belongs to (as in the relation graph), when there is one. */
  ref?: string;
  amount_cny?: string | null;
}

export interface WarningTimeline {
  events: TimelineEvent[];
  truncated: boolean;
}
