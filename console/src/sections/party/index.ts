import { Flag } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '党建',
  icon: Flag,
  order: 40,
  path: '/party',
  routes: [{ path: 'party', name: 'party', component: () => import('./PartyView.vue') }],
})
