import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { Org } from '@/api/views'
import ReviewDialog from './ReviewDialog.vue'

const org = (overrides: Partial<Org> = {}) => ({
  id: 5, name: '测试协会', status: 'pending', change_status: 'none', credit_code: 'X', charter_flags: [], pending_change: null, ...overrides,
}) as Org

const submitButton = () => document.querySelector('[data-test=review-submit]') as HTMLButtonElement

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

function open(o: Org, decision: 'approve' | 'return' | 'reject') {
  return mount(ReviewDialog, { props: { org: o, decision }, global: { plugins: [ElementPlus] }, attachTo: document.body })
}

describe('review dialog', () => {
  it('needs a reason to return a registration', async () => {
    open(org(), 'return')
    await flushPromises()
    expect(submitButton().disabled).toBe(true)
    const textarea = document.querySelector('[data-test=review-reason]') as HTMLTextAreaElement
    textarea.value = '请补充章程'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(submitButton().disabled).toBe(false)
  })

  it('approves a flagged charter only with the override and its reason', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(org({ status: 'active' })), { status: 200 }))
    const wrapper = open(org({ charter_flags: ['party_clause_missing'] }), 'approve')
    await flushPromises()
    expect(document.body.textContent).toContain('第五条')
    expect(submitButton().disabled).toBe(true)
    ;(document.querySelector('[data-test=override-charter] input') as HTMLInputElement).click()
    await flushPromises()
    expect(submitButton().disabled).toBe(true) // the override needs its reason
    const textarea = document.querySelector('[data-test=review-reason]') as HTMLTextAreaElement
    textarea.value = '已书面承诺修改章程'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    submitButton().click()
    await flushPromises()
    const request = fetch.mock.calls[0][0] as Request
    expect(await request.json()).toEqual({ decision: 'approve', reason: '已书面承诺修改章程', override_charter_flag: true })
    expect(wrapper.emitted('done')).toHaveLength(1)
  })

  it('shows the API message inside the dialog', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ code: 'nothing_to_review', message: '该组织没有待审核的登记或变更' }), { status: 409 }))
    open(org(), 'approve')
    await flushPromises()
    submitButton().click()
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('[data-test=review-error]')?.textContent).toContain('没有待审核'))
  })
})
