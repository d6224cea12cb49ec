// The signed-in officer: token kept until it expires (localStorage), role and scope for the UI.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { call, shape } from '@/api/client'
import type { StaffUser, TokenGrant } from '@/api/views'

const KEY = 'shezutong.console.session'

interface Session { token: string; expiresAt: number; user: StaffUser }

function restore(): Session | null {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null
    return saved && saved.expiresAt > Date.now() ? saved : null
  } catch {
    return null
  }
}

/** What a role may do in the console; the API refuses the same things on its own. */
export type Action = 'kb.edit' | 'notice.approve' | 'notice.compose' | 'org.review' | 'region.edit' | 'party.edit'
  | 'staff.manage' | 'supervision.decide'

export const useAuth = defineStore('auth', () => {
  const session = ref<Session | null>(restore())

  const user = computed(() => session.value?.user ?? null)
  const token = computed(() => (session.value && session.value.expiresAt > Date.now() ? session.value.token : null))
  const signedIn = computed(() => token.value !== null)
  const isAdmin = computed(() => user.value?.role === 'admin')
  /** District officers (admins, or staff with no town scope) act on the whole district. */
  const isDistrict = computed(() => isAdmin.value || (user.value !== null && user.value.scope_region_id === null))

  function can(action: Action): boolean {
    if (!user.value) return false
    switch (action) {
      case 'kb.edit':
      case 'notice.approve':
      case 'supervision.decide': // credit decisions, plans and draws, year opening, deregistration
        return isDistrict.value
      case 'region.edit':
      case 'staff.manage':
        return isAdmin.value
      default:
        return true
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const grant = await call('post', '/api/admin/v1/auth/login', { body: { username, password } }, shape<TokenGrant>())
    session.value = { token: grant.token, expiresAt: Date.now() + grant.expires_in * 1000, user: grant.user }
    localStorage.setItem(KEY, JSON.stringify(session.value))
  }

  /** After an admin's reset the API accepts only the password change (and sign-out) until it is done. */
  const mustChangePassword = computed(() => user.value?.must_change_password === true)
  function setPasswordPending(pending: boolean): void {
    if (!session.value) return
    session.value = { ...session.value, user: { ...session.value.user, must_change_password: pending } }
    localStorage.setItem(KEY, JSON.stringify(session.value))
  }

  function clear(): void {
    session.value = null
    localStorage.removeItem(KEY)
  }

  async function logout(): Promise<void> {
    try {
      await call('post', '/api/admin/v1/auth/logout')
    } catch {
      // Signing out locally is what matters; an expired token is already gone on the server.
    } finally {
      clear()
    }
  }

  return { session, user, token, signedIn, isAdmin, isDistrict, mustChangePassword, can, login, logout, clear, setPasswordPending }
})
