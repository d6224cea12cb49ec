export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿', approved: '已审核待发送', scheduled: '定时发送', queued: '排队中', sending: '发送中', completed: '已完成', cancelled: '已撤回',
}
export const CATEGORY_OPTIONS = [
  { value: 'industry_association', label: '行业协会商会' },
  { value: 'science_tech', label: '科技类' },
  { value: 'charity', label: '公益慈善类' },
  { value: 'community_service', label: '城乡社区服务类' },
  { value: 'other', label: '其他' },
]
export const AUDIENCE_KINDS = [
  { value: 'org_leaders', label: '社会组织负责人（按镇街/类别）' },
  { value: 'orgs', label: '指定社会组织的负责人' },
  { value: 'activity', label: '某活动的参与者' },
  { value: 'grant_program', label: '公益创投申报组织负责人' },
  { value: 'all', label: '全体用户（全区推送）', district: true },
]
