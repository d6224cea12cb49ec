import type { AdmissionStatus } from '@/api/views'

export const TIER_LABELS: Record<string, string> = { district: '区级', town: '镇街级', community: '社区/村级' }
export const SUPPORT_TYPES = ['党建指导', '公益创投', '补贴奖励', '活动场地', '费用减免'] as const
export const ADMISSION_LABELS: Record<AdmissionStatus, string> = {
  pending: '待审核', admitted: '孵化中', rejected: '未通过', graduated: '已出壳', left: '已退出',
}
export const ADMISSION_TAG: Record<AdmissionStatus, 'warning' | 'success' | 'danger' | 'info' | 'primary'> = {
  pending: 'warning', admitted: 'success', rejected: 'danger', graduated: 'primary', left: 'info',
}
