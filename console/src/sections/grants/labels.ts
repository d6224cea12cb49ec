import type { ApplicationStatus } from '@/api/views'

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿', submitted: '已提交', returned_for_info: '退回补充材料', resubmitted: '已重新提交',
  formal_passed: '形式审查通过', expert_review: '专家评审中', scored: '专家评审完成', site_visit: '已实地考察',
  approved: '已批准立项', rejected: '未获资助', public_notice: '公示中', agreement_signed: '已签订协议',
  in_progress: '项目实施中', closed: '已结项',
}
export const STATUS_TAG: Record<ApplicationStatus, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  draft: 'info', submitted: 'warning', returned_for_info: 'info', resubmitted: 'warning', formal_passed: 'primary',
  expert_review: 'primary', scored: 'primary', site_visit: 'primary', approved: 'success', rejected: 'danger',
  public_notice: 'warning', agreement_signed: 'success', in_progress: 'success', closed: 'info',
}

/** The review stages the applications screen groups statuses into (one tab each). */
export const STAGES: { key: string; label: string; statuses: ApplicationStatus[] }[] = [
  { key: 'formal', label: '形式审查', statuses: ['submitted', 'resubmitted', 'returned_for_info'] },
  { key: 'review', label: '专家评审', statuses: ['formal_passed', 'expert_review', 'scored', 'site_visit'] },
  { key: 'decision', label: '立项与公示', statuses: ['approved', 'public_notice'] },
  { key: 'execution', label: '实施', statuses: ['agreement_signed', 'in_progress'] },
  { key: 'done', label: '已办结', statuses: ['closed', 'rejected'] },
]

/** The statuses a stage filter asks the API for ('' is every stage: all but drafts). */
export function stageStatuses(key: string): ApplicationStatus[] {
  if (!key) return STAGES.flatMap((s) => s.statuses)
  return STAGES.find((s) => s.key === key)?.statuses ?? []
}

export const ASSIGNMENT_LABELS: Record<string, string> = { pending: '待确认无利益冲突', accepted: '已确认，可评分', recused: '已回避' }
export const OBJECTION_LABELS: Record<string, string> = { open: '待核查', upheld: '异议成立', dismissed: '异议不成立' }

export const yuan = (v: string | null | undefined) => (v == null ? '—' : `¥${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`)
