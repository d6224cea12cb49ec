import { ChatDotRound } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '政策问答',
  icon: ChatDotRound,
  order: 70,
  path: '/bot',
  routes: [{ path: 'bot', name: 'bot', component: () => import('./BotView.vue') }],
})
