// The two follow-ups of the zombie clean-up recorded from the list: a contact attempt (电话、上门、
// 寄信、业务主管单位反馈, the evidence of 无法取得联系) and a council election (换届, which ends the
// 到期未换届 signal). What the form can tell before asking the API; the API checks the same again.
import type { ContactMethod } from './types'

export const CONTACT_METHODS: { value: ContactMethod; label: string }[] = [
  { value: 'phone', label: '电话' }, { value: 'visit', label: '上门走访' },
  { value: 'letter', label: '寄信至登记住所' }, { value: 'supervisor', label: '业务主管单位反馈' },
]
export const OUTCOME_LABELS: Record<'reached' | 'failed', string> = { reached: '取得联系', failed: '无法联系' }
export const methodLabel = (m: string) => CONTACT_METHODS.find((c) => c.value === m)?.label ?? m

export interface ContactForm { method: ContactMethod; outcome: 'reached' | 'failed'; attempted_on: string; note: string }
export interface ElectionForm { held_on: string; term_end: string; note: string }

/** Why the contact form cannot be sent yet ('' when it can); days are YYYY-MM-DD in Beijing. */
export function contactProblem(form: ContactForm, today: string): string {
  if (!form.attempted_on) return '请选择联系日期'
  if (form.attempted_on > today) return '联系日期不能晚于今天'
  return ''
}

/** Why the election form cannot be sent yet ('' when it can). */
export function electionProblem(form: ElectionForm): string {
  if (!form.held_on) return '请选择换届日期'
  if (!form.term_end) return '请选择新一届任期届满日期'
  if (form.term_end <= form.held_on) return '任期届满日期须晚于换届日期'
  return ''
}

/** The body the API takes: the note trimmed. */
export const contactBody = (form: ContactForm) => ({ ...form, note: form.note.trim() })
export const electionBody = (form: ElectionForm) => ({ ...form, note: form.note.trim() })
