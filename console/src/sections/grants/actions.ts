// The state machine's next steps for staff, computed from an application's status (mirrors
// backend/services/grants.py TRANSITIONS; the API refuses anything else with a 409 on its own).
import type { ApplicationStatus } from '@/api/views'

export type ActionKey =
  | 'pass_formal' | 'return_for_info' | 'assign_experts' | 'site_visit' | 'approve' | 'reject'
  | 'publish_notice' | 'sign_agreement' | 'revoke' | 'pay_tranche' | 'close'

export interface ActionField {
  name: string
  label: string
  kind: 'text' | 'textarea' | 'date' | 'money'
  required?: boolean
}

export interface GrantAction {
  key: ActionKey
  label: string
  type: 'primary' | 'success' | 'warning' | 'danger'
  fields: ActionField[]
  /** Only district staff (the registration authority) may take it. */
  district?: boolean
  /** Opens the expert assignment instead of a form. */
  opensAssignment?: boolean
}

const ACTIONS: Record<ActionKey, GrantAction> = {
  pass_formal: { key: 'pass_formal', label: '形式审查通过', type: 'primary', fields: [{ name: 'reason', label: '审查意见', kind: 'textarea' }] },
  return_for_info: {
    key: 'return_for_info', label: '退回补充材料', type: 'warning',
    fields: [{ name: 'reason', label: '退回原因', kind: 'textarea', required: true }, { name: 'info_deadline', label: '补充期限（默认 5 个工作日）', kind: 'date' }],
  },
  assign_experts: { key: 'assign_experts', label: '分配评审专家', type: 'primary', fields: [], district: true, opensAssignment: true },
  site_visit: {
    key: 'site_visit', label: '记录实地考察', type: 'primary',
    fields: [{ name: 'visited_on', label: '考察日期', kind: 'date', required: true }, { name: 'notes', label: '考察记录', kind: 'textarea', required: true }],
  },
  approve: {
    key: 'approve', label: '批准立项', type: 'success', district: true,
    fields: [{ name: 'approved_amount', label: '资助金额（元，不超过申请额）', kind: 'money', required: true }, { name: 'reason', label: '意见', kind: 'textarea' }],
  },
  reject: { key: 'reject', label: '不予资助', type: 'danger', district: true, fields: [{ name: 'reason', label: '理由', kind: 'textarea', required: true }] },
  publish_notice: { key: 'publish_notice', label: '发布公示', type: 'primary', district: true, fields: [] },
  sign_agreement: {
    key: 'sign_agreement', label: '签订资助协议', type: 'success',
    fields: [{ name: 'agreement_no', label: '协议编号', kind: 'text', required: true }, { name: 'signed_on', label: '签订日期（默认今天）', kind: 'date' }],
  },
  revoke: { key: 'revoke', label: '撤销立项', type: 'danger', district: true, fields: [{ name: 'reason', label: '理由（公示异议成立）', kind: 'textarea', required: true }] },
  pay_tranche: {
    key: 'pay_tranche', label: '登记资金拨付', type: 'primary',
    fields: [{ name: 'paid_on', label: '拨付日期（默认今天）', kind: 'date' }, { name: 'voucher_no', label: '凭证号', kind: 'text' }],
  },
  close: { key: 'close', label: '结项', type: 'success', fields: [{ name: 'reason', label: '说明', kind: 'textarea' }] },
}

const NEXT: Record<ApplicationStatus, ActionKey[]> = {
  draft: [],
  submitted: ['pass_formal', 'return_for_info'],
  returned_for_info: [],
  resubmitted: ['pass_formal', 'return_for_info'],
  formal_passed: ['assign_experts'],
  expert_review: ['assign_experts'],
  scored: ['site_visit', 'approve', 'reject'],
  site_visit: ['approve', 'reject'],
  approved: ['publish_notice'],
  public_notice: ['sign_agreement', 'revoke'],
  agreement_signed: ['pay_tranche'],
  in_progress: ['pay_tranche', 'close'],
  rejected: [],
  closed: [],
}

/** What the application waits for when staff have nothing to do. */
const WAITING: Partial<Record<ApplicationStatus, string>> = {
  draft: '申请单位尚未提交',
  returned_for_info: '等待申请单位补充材料后重新提交',
  expert_review: '专家评审中：全部专家评分后自动进入“专家评审完成”',
  rejected: '已办结（未获资助）',
  closed: '已结项',
}

export interface ActionContext {
  /** District staff (or admin); town staff do not see district-only steps. */
  district: boolean
  /** Open objections during 公示: the agreement waits for them. */
  openObjections?: number
  /** Every tranche paid: no further payment to record. */
  allTranchesPaid?: boolean
}

export function actionsFor(status: ApplicationStatus, ctx: ActionContext): GrantAction[] {
  return NEXT[status]
    .map((k) => ACTIONS[k])
    .filter((a) => ctx.district || !a.district)
    .filter((a) => !(a.key === 'sign_agreement' && (ctx.openObjections ?? 0) > 0))
    .filter((a) => !(a.key === 'pay_tranche' && ctx.allTranchesPaid))
}

export function waitingFor(status: ApplicationStatus, ctx: ActionContext): string {
  if (WAITING[status]) return WAITING[status] as string
  if (status === 'public_notice' && (ctx.openObjections ?? 0) > 0) return '公示期内有待核查的异议，处理后方可签订协议'
  return ctx.district ? '' : '下一步由区级工作人员办理'
}

/** Every field required and filled, money positive. */
export function missingField(action: GrantAction, values: Record<string, string>): string | null {
  for (const f of action.fields) {
    const v = (values[f.name] ?? '').trim()
    if (f.required && !v) return `请填写${f.label.replace(/（.*）/, '')}`
    if (f.kind === 'money' && v && !(Number(v) > 0)) return '金额须为大于 0 的数字'
  }
  return null
}
