import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAuth } from './auth'
import type { Role } from '@/api/views'

const KEY = 'shezutong.console.session'
const grant = (scope: number | null, role: Role = 'staff') => ({
  token: 't0k', expires_in: 3600, user: { id: 1, role, username: 'u', real_name: '演示', scope_region_id: scope },
})

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  vi.restoreAllMocks()
})

describe('auth store', () => {
  it('signs in, keeps the session until it expires, and signs out', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(grant(null)), { status: 200 }))
    const auth = useAuth()
    await auth.login('u', 'p')
    expect(auth.signedIn).toBe(true)
    expect(JSON.parse(localStorage.getItem(KEY)!).token).toBe('t0k')
    setActivePinia(createPinia())
    expect(useAuth().signedIn).toBe(true) // a reload keeps the session
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{"ok":true}', { status: 200 }))
    await useAuth().logout()
    expect(useAuth().signedIn).toBe(false)
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it('drops a stored session whose token has expired', () => {
    localStorage.setItem(KEY, JSON.stringify({ token: 'old', expiresAt: Date.now() - 1, user: grant(null).user }))
    expect(useAuth().signedIn).toBe(false)
  })

  it('lets only district officers edit the knowledge base and approve district-wide notices', () => {
    const auth = useAuth()
    auth.session = { token: 't', expiresAt: Date.now() + 1e6, user: grant(3).user }
    expect(auth.isDistrict).toBe(false)
    expect(auth.can('kb.edit')).toBe(false)
    expect(auth.can('notice.approve')).toBe(false)
    expect(auth.can('org.review')).toBe(true)
    auth.session = { token: 't', expiresAt: Date.now() + 1e6, user: grant(null).user }
    expect(auth.can('kb.edit')).toBe(true)
    expect(auth.can('region.edit')).toBe(false)
    auth.session = { token: 't', expiresAt: Date.now() + 1e6, user: grant(null, 'admin').user }
    expect(auth.can('region.edit')).toBe(true)
  })

  it('shows staff management to admins only and supervision decisions to district officers only', () => {
    const auth = useAuth()
    auth.session = { token: 't', expiresAt: Date.now() + 1e6, user: grant(3).user }
    expect(auth.can('staff.manage')).toBe(false)
    expect(auth.can('supervision.decide')).toBe(false)
    auth.session = { token: 't', expiresAt: Date.now() + 1e6, user: grant(null).user }
    expect(auth.can('staff.manage')).toBe(false)
    expect(auth.can('supervision.decide')).toBe(true)
    auth.session = { token: 't', expiresAt: Date.now() + 1e6, user: grant(null, 'admin').user }
    expect(auth.can('staff.manage')).toBe(true)
  })

  it('remembers a pending password change across a reload until it is done', async () => {
    const pending = { ...grant(3), user: { ...grant(3).user, must_change_password: true } }
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(pending), { status: 200 }))
    await useAuth().login('u', 'temporary')
    setActivePinia(createPinia())
    expect(useAuth().mustChangePassword).toBe(true)
    useAuth().setPasswordPending(false)
    setActivePinia(createPinia())
    expect(useAuth().mustChangePassword).toBe(false)
  })
})
