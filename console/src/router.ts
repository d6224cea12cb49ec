import { createRouter, createWebHistory, type Router } from 'vue-router'
import { sections } from '@/sections'
import { useAuth } from '@/stores/auth'

export function makeRouter(): Router {
  const router = createRouter({
    history: createWebHistory('/console/'),
    routes: [
      { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, title: '登录' } },
      { path: '/password', name: 'password', component: () => import('@/views/PasswordView.vue'), meta: { title: '修改密码' } },
      {
        path: '/',
        component: () => import('@/layout/AppLayout.vue'),
        redirect: sections[0]?.path ?? '/dashboard',
        children: sections.flatMap((s) => s.routes.map((r) => ({ ...r, meta: { section: s.title, ...r.meta } }))),
      },
      { path: '/:rest(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { public: true } },
    ],
  })
  router.beforeEach((to) => {
    const auth = useAuth()
    if (!to.meta.public && !auth.signedIn) return { name: 'login', query: { redirect: to.fullPath } }
    if (to.name === 'login' && auth.signedIn) return { path: '/' }
    if (auth.mustChangePassword && !to.meta.public && to.name !== 'password') return { name: 'password', query: { redirect: to.fullPath } }
  })
  router.afterEach((to) => {
    const title = (to.meta.title as string | undefined) ?? (to.meta.section as string | undefined)
    document.title = title ? `${title} - 社组通工作台` : '社组通工作台'
  })
  return router
}
