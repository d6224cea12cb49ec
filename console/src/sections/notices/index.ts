import { Bell } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '通知',
  icon: Bell,
  order: 30,
  path: '/notices',
  routes: [
    { path: 'notices', name: 'notices', component: () => import('./NoticeList.vue') },
    { path: 'notices/new', name: 'notice-new', component: () => import('./NoticeCompose.vue'), meta: { title: '起草通知' } },
    { path: 'notices/:id(\\d+)', name: 'notice', component: () => import('./NoticeDetail.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: '通知详情' } },
  ],
})
