// Names for the generated shapes the 监管 screens read, and their Chinese labels.
import type { components } from '@/api/schema'

type S = components['schemas']

export type ReportYear = S['ReportYearRead']
export type Progress = S['ProgressRead']
export type ProgressRow = S['ProgressRow']
export type ReportSummary = S['ReportSummaryRead']
export type ReportPage = S['ReportPage']
export type AnnualReport = S['AnnualReportRead']
export type ReportStatus = S['AnnualReportStatus']
export type CreditEntry = S['CreditEntryRead']
export type CreditEntryPage = S['CreditEntryPage']
export type CreditStatus = S['CreditEntryStatus']
export type Plan = S['PlanRead']
export type InspectionResult = S['ResultRead']
export type Inspector = S['InspectorRead']
export type Verification = S['VerificationRead']
export type ZombieEntry = S['ZombieEntryRead']
export type ZombieStatus = S['EntryStatus']
export type ZombieCase = S['CaseRead']
export type Sweep = S['SweepRead']
export type ContactAttempt = S['ContactRead']
export type ContactMethod = S['ContactMethod']
export type CouncilElection = S['ElectionRead']

type Tag = 'success' | 'warning' | 'danger' | 'info' | 'primary'

export const REPORT_STATUS: { value: ReportStatus | 'late'; label: string }[] = [
  { value: 'not_started', label: '未开始' }, { value: 'draft', label: '填报中' }, { value: 'submitted', label: '待镇街初审' },
  { value: 'town_checked', label: '待区级审核' }, { value: 'returned', label: '退回修改' }, { value: 'accepted', label: '审核通过' },
  { value: 'overdue', label: '逾期未报' }, { value: 'late', label: '逾期报送' },
]
export const REPORT_TAG: Record<ReportStatus, Tag> = {
  not_started: 'info', draft: 'info', submitted: 'warning', town_checked: 'warning', returned: 'danger', accepted: 'success', overdue: 'danger',
}

export const CREDIT_STATUS: { value: CreditStatus; label: string }[] = [
  { value: 'proposed', label: '拟列入' }, { value: 'included', label: '已列入' }, { value: 'dropped', label: '不予列入' },
  { value: 'removal_proposed', label: '拟移出' }, { value: 'removed', label: '已移出' },
]
export const CREDIT_TAG: Record<CreditStatus, Tag> = {
  proposed: 'warning', included: 'danger', dropped: 'info', removal_proposed: 'warning', removed: 'success',
}

export const INSPECTION_ITEMS: { value: 'annual_report' | 'disclosure' | 'governance' | 'finances' | 'activities'; label: string }[] = [
  { value: 'annual_report', label: '年度报告' }, { value: 'disclosure', label: '信息公开' }, { value: 'governance', label: '内部治理' },
  { value: 'finances', label: '财务状况' }, { value: 'activities', label: '业务活动' },
]
export type InspectionItem = (typeof INSPECTION_ITEMS)[number]['value']

export const ZOMBIE_STATUS: { value: ZombieStatus | 'all'; label: string }[] = [
  { value: 'listed', label: '已列入清单' }, { value: 'case_open', label: '清理中' }, { value: 'dismissed', label: '已排除' },
  { value: 'closed', label: '已结案' }, { value: 'cleared', label: '已消除' }, { value: 'all', label: '全部' },
]

/** Today in Beijing as YYYY-MM-DD (answer periods and due dates are Beijing calendar days). */
export function todayInBeijing(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** Whether a proposal's answer period (陈述申辩期) is still running: inclusion waits for it or for the answer. */
export function answerPeriodOpen(entry: Pick<CreditEntry, 'answer_due' | 'answered_at'>, today = todayInBeijing()): boolean {
  return entry.answered_at === null && today <= entry.answer_due
}

export const when = (t: string | null | undefined) => (t ? new Date(t).toLocaleString('zh-CN') : '—')
