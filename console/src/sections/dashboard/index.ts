import { Odometer } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '工作台',
  icon: Odometer,
  order: 10,
  path: '/dashboard',
  routes: [{ path: 'dashboard', name: 'dashboard', component: () => import('./DashboardView.vue') }],
})
