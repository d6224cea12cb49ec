import { Money } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '公益创投',
  icon: Money,
  order: 55,
  path: '/grants',
  routes: [
    { path: 'grants', name: 'grants', component: () => import('./ProgramList.vue') },
    { path: 'grants/programs/:id(\\d+)', name: 'grant-program', component: () => import('./ProgramView.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: '公益创投项目' } },
    { path: 'grants/applications/:id(\\d+)', name: 'grant-application', component: () => import('./ApplicationDetail.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: '创投申请' } },
  ],
})
