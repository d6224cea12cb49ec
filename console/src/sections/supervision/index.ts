import { View } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '监管',
  icon: View,
  order: 80,
  path: '/supervision',
  routes: [
    { path: 'supervision', name: 'supervision', component: () => import('./SupervisionView.vue') },
    { path: 'supervision/reports/:id(\\d+)', name: 'annual-report', component: () => import('./AnnualReportDetail.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: '年度报告审核' } },
    { path: 'supervision/plans/:id(\\d+)', name: 'inspection-plan', component: () => import('./PlanDetail.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: '抽查计划' } },
  ],
})
