import { School } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '孵化培育',
  icon: School,
  order: 50,
  path: '/incubation',
  routes: [
    { path: 'incubation', name: 'incubation', component: () => import('./IncubationView.vue') },
    { path: 'incubation/admissions/:id(\\d+)', name: 'incubation-admission', component: () => import('./AdmissionDetail.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: '入驻申请' } },
  ],
})
