export const STATUS_OPTIONS = [
  { value: 'pending', label: '待审核登记' },
  { value: 'change_pending', label: '待审核变更' },
  { value: 'active', label: '已登记' },
  { value: 'returned', label: '退回修改' },
  { value: 'rejected', label: '不予登记' },
  { value: 'deregistered', label: '已注销' },
]
export const STATUS_TAG: Record<string, 'warning' | 'success' | 'info' | 'danger' | 'primary'> = {
  pending: 'warning', active: 'success', returned: 'info', rejected: 'danger', deregistered: 'info',
}
export const MODE_LABELS: Record<string, string> = { direct: '直接登记', dual: '双重管理' }
export const CREDIT_LABELS: Record<string, string> = { normal: '正常', abnormal: '活动异常名录', untrustworthy: '严重违法失信名单' }
export const SUPERVISION_LABELS: Record<string, string> = { normal: '正常', guidance: '加强指导', talk: '约谈', key: '重点监管' }
export const CHARTER_FLAG_LABELS: Record<string, string> = {
  party_clause_missing: '章程未载明“坚持中国共产党的全面领导”（第五条）',
  charter_file_unreadable: '章程文件为扫描件（无文字层），系统未能核查党的领导表述，请人工阅读',
}
export const STAGE_OPTIONS = [
  { value: 'town', label: '待镇街初审' },
  { value: 'district', label: '待区级审核' },
] as const
export const STAGE_TAG: Record<string, 'warning' | 'primary'> = { town: 'warning', district: 'primary' }
