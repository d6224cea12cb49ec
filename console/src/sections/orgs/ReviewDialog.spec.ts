import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { Org } from '@/api/views'
import ReviewDialog, { type Decision } from './ReviewDialog.vue'

const org = (overrides: Partial<Org> = {}) => ({
  id: 5, name: '测试协会', status: 'pending', change_status: 'none', credit_code: 'X', charter_flags: [], pending_change: null,
  review_stage: 'district', review_stage_label: '待区级审核', town_opinion: '', town_reviewed_at: '2026-12-01T10:00:00+08:00', ...overrides,
}) as Org

const submitButton = () => document.querySelector('[data-test=review-submit]') as HTMLButtonElement

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

function open(o: Org, decision: Decision) {
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

  it('gives the town opinion through the town-review route, remarks optional', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(org({ review_stage: 'district' })), { status: 200 }))
    const wrapper = open(org({ review_stage: 'town', town_reviewed_at: null }), 'town_pass')
    await flushPromises()
    expect(document.body.textContent).toContain('镇街初审')
    expect(submitButton().disabled).toBe(false) // passing on needs no remark
    const textarea = document.querySelector('[data-test=review-reason]') as HTMLTextAreaElement
    textarea.value = '材料齐全'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    submitButton().click()
    await flushPromises()
    const request = fetch.mock.calls[0][0] as Request
    expect(new URL(request.url, 'http://x').pathname).toBe('/api/admin/v1/orgs/5/town-review')
    expect(await request.json()).toEqual({ decision: 'pass', reason: '材料齐全' })
    expect(wrapper.emitted('done')).toHaveLength(1)
  })

  it('needs a reason for the town to return a registration', async () => {
    open(org({ review_stage: 'town', town_reviewed_at: null }), 'town_return')
    await flushPromises()
    expect(submitButton().disabled).toBe(true)
  })

  it('shows the district officer the town opinion it decides on', async () => {
    open(org({ town_opinion: '经实地核查，住所属实' }), 'approve')
    await flushPromises()
    const opinion = document.querySelector('[data-test=town-opinion]')
    expect(opinion?.textContent).toContain('经实地核查，住所属实')
    expect(opinion?.textContent).toContain('初审通过')
  })

  it('sends the district decision to the review route', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(org({ status: 'active' })), { status: 200 }))
    open(org(), 'approve')
    await flushPromises()
    submitButton().click()
    await flushPromises()
    const request = fetch.mock.calls[0][0] as Request
    expect(new URL(request.url, 'http://x').pathname).toBe('/api/admin/v1/orgs/5/review')
  })
})
