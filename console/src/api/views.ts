// What the console reads from responses the OpenAPI document does not describe yet. Each shape
// mirrors the handler named beside it; `Known<>` in client.ts prefers the generated type once the
// document has one, and then these must agree with it (vue-tsc checks). Delete a shape when its
// response is generated.
import type { paths } from './schema'

/** The query parameters of a GET route, as the generated contract declares them. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never

export type Role = 'staff' | 'admin'

export interface StaffUser { // admin_auth.user_summary
  id: number
  role: Role | string
  username: string
  real_name: string
  scope_region_id: number | null
}
export interface TokenGrant { token: string; expires_in: number; user: StaffUser }

export interface Page<T> { items: T[]; total: number; page: number; page_size: number }
export interface Items<T> { items: T[] }

export interface RegionRef { id: number; name: string }
export interface Region { // services.regions.region_view
  id: number
  name: string
  level: 'town' | 'community'
  code: string
  parent_id: number | null
  active: boolean
}

export interface Coverage { // services.party_building.coverage_view
  party_member_count: number
  own_party_org: boolean
  coverage_form: 'own' | 'joint_branch' | 'instructor' | 'none'
  required_form: 'own' | 'joint_branch' | 'instructor'
  covered: boolean
  joint_branch: RegionRef | null
  instructor_name: string
  blank_spot: boolean
  responsible_party_org: string
}

export interface Org { // services.org_views.full_view
  id: number
  name: string
  credit_code: string | null
  legal_form_label: string
  category: string
  category_label: string
  town: RegionRef | null
  community: RegionRef | null
  address: string
  description: string
  served_groups: string[]
  approved_at: string | null
  status: 'pending' | 'active' | 'returned' | 'rejected' | 'deregistered'
  status_label: string
  status_reason: string
  sensitive_areas: string[]
  registration_mode: 'direct' | 'dual'
  supervisor_unit: string
  contact_name: string
  contact_phone: string
  charter_text: string
  charter_file: string | null
  charter_party_clause: boolean
  charter_flags: string[]
  party_building: Coverage
  supervision_level: string
  supervision_label: string
  credit_status: string
  change_status: 'none' | 'pending' | 'returned'
  change_reason: string
  pending_change: Record<string, unknown> | null
  created_at: string | null
}

export interface SupervisionRecord {
  id: number
  level: string
  previous_level: string
  reason: string
  actor_id: number
  created_at: string
}

export interface Claim {
  id: number
  org: { id: number; name: string; credit_code: string | null }
  user: { id: number; nickname: string }
  created_at: string
}

export interface CoverageSummary { // services.party_building.summarize
  total: number
  active: number
  by_status: Record<string, number>
  by_category: Record<string, number>
  required: Record<string, number>
  coverage: {
    own: number; joint_branch: number; instructor: number; none: number
    own_rate: number; joint_branch_rate: number; instructor_rate: number
    covered: number; uncovered: number; covered_rate: number
  }
  blank_spot_count: number
}
export interface BlankSpot {
  id: number
  name: string
  town: RegionRef
  category: string
  party_member_count: number
  required_form: string
  approved_at: string | null
}
export interface CoverageDashboard { // services.party_building.dashboard
  scope: { town_id: number | null; name: string }
  overall: CoverageSummary
  towns: (CoverageSummary & { town: RegionRef })[]
  blank_spots: BlankSpot[]
}

export type NoticeStatus = NonNullable<QueryOf<'/api/admin/v1/notices'>['status']>
export type OrgStatus = NonNullable<QueryOf<'/api/admin/v1/orgs'>['status']>
export interface Notice { // handlers.notices.notice_read
  id: number
  title: string
  body: string
  audience: Record<string, unknown>
  audience_label: string
  channels: string[]
  template_id: string | null
  scope_region_id: number | null
  needs_approval: boolean
  status: NoticeStatus
  scheduled_at: string | null
  created_by_id: number
  recipient_count: number
  created_at: string
  queued_at: string | null
  completed_at: string | null
}
export interface NoticeProgress { // services.notices.progress
  notice_id: number
  status: NoticeStatus
  recipient_count: number
  channels: Record<string, Record<string, number>>
  inbox_read: number
  retrying: number
}
export interface NoticeDetail extends Notice { progress: NoticeProgress }
export interface Reach { // services.notices.preview
  reach: number
  can_receive_subscribe_now: number
  audience_label: string
  scope_region_id: number | null
  needs_approval: boolean
}
export interface Template {
  template_id: string
  key: string
  title: string
  long_term: boolean
  page: string
  keywords: Record<string, unknown>[] | Record<string, unknown>
}

export interface KbDocument { // services.bot._documents_snapshot
  name: string
  status: 'in_force' | 'scheduled' | 'retired'
  active: boolean
  effective_from: string | null
  retired_at: string | null
  title: string | null
  doc_number: string | null
  units: number | null
  size: number
}
export interface HitTestResult { // services.bot.hit_test
  kb_version: string
  hits: { unit_id: string; doc: string; number: number | null; heading: string; score: number; coverage: number; kind: string; confidence: number; answerable: boolean }[]
  answer: { answered: boolean; answer: string; citations: { doc: string; number: number | null; heading: string; quote: string; score: number }[] }
}
export interface QuestionGroup { question: string; question_key: string; count: number; last_at: string | null; comments?: string[] }
