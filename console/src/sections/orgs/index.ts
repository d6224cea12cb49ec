import { OfficeBuilding } from '@element-plus/icons-vue'
import { defineSection } from '../section'

export default defineSection({
  title: '社会组织',
  icon: OfficeBuilding,
  order: 20,
  path: '/orgs',
  routes: [
    { path: 'orgs', name: 'orgs', component: () => import('./OrgList.vue') },
    { path: 'orgs/claims', name: 'org-claims', component: () => import('./ClaimList.vue'), meta: { title: '负责人认领' } },
    { path: 'orgs/:id(\\d+)', name: 'org', component: () => import('./OrgDetail.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: '社会组织详情' } },
  ],
})
