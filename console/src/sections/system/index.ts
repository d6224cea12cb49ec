import { Setting } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '系统',
  icon: Setting,
  order: 90,
  path: '/system',
  routes: [{ path: 'system', name: 'system', component: () => import('./SystemView.vue') }],
})
