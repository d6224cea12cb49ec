import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { configureClient } from '@/api/client'
import { makeRouter } from '@/router'
import { useAuth } from '@/stores/auth'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
const router = makeRouter()
const auth = useAuth()
configureClient({
  token: () => auth.token,
  // A 401 anywhere (expired or revoked token) returns to the login page, then back here.
  onUnauthorized: () => {
    auth.clear()
    const here = router.currentRoute.value
    if (here.name !== 'login') void router.push({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
  },
  // A password reset by an admin must be changed before anything else works.
  onPasswordChangeRequired: () => {
    auth.setPasswordPending(true)
    const here = router.currentRoute.value
    if (here.name !== 'password') void router.push({ name: 'password', query: { redirect: here.fullPath } })
  },
})
app.use(router)
app.use(ElementPlus, { locale: zhCn })
app.mount('#app')
