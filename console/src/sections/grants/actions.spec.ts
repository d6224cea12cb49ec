import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { StaffApplication } from '@/api/views'
import { actionsFor, missingField, waitingFor } from './actions'
import ActionBar from './ActionBar.vue'

const keys = (...args: Parameters<typeof actionsFor>) => actionsFor(...args).map((a) => a.key)

describe('the next actions from an application status', () => {
  it('follows the state machine for district staff', () => {
    const district = { district: true }
    expect(keys('submitted', district)).toEqual(['pass_formal', 'return_for_info'])
    expect(keys('resubmitted', district)).toEqual(['pass_formal', 'return_for_info'])
    expect(keys('formal_passed', district)).toEqual(['assign_experts'])
    expect(keys('scored', district)).toEqual(['site_visit', 'approve', 'reject'])
    expect(keys('site_visit', district)).toEqual(['approve', 'reject'])
    expect(keys('approved', district)).toEqual(['publish_notice'])
    expect(keys('public_notice', district)).toEqual(['sign_agreement', 'revoke'])
    expect(keys('agreement_signed', district)).toEqual(['pay_tranche'])
    expect(keys('in_progress', district)).toEqual(['pay_tranche', 'close'])
    for (const done of ['draft', 'returned_for_info', 'rejected', 'closed'] as const) expect(keys(done, district)).toEqual([])
  })

  it('leaves out the district-only steps for town staff', () => {
    const town = { district: false }
    expect(keys('submitted', town)).toEqual(['pass_formal', 'return_for_info'])
    expect(keys('formal_passed', town)).toEqual([])
    expect(keys('scored', town)).toEqual(['site_visit'])
    expect(keys('approved', town)).toEqual([])
    expect(keys('public_notice', town)).toEqual(['sign_agreement'])
    expect(waitingFor('approved', town)).toContain('区级')
  })

  it('holds the agreement while an objection is open and stops paying after the last tranche', () => {
    expect(keys('public_notice', { district: true, openObjections: 1 })).toEqual(['revoke'])
    expect(waitingFor('public_notice', { district: true, openObjections: 1 })).toContain('异议')
    expect(keys('in_progress', { district: true, allTranchesPaid: true })).toEqual(['close'])
  })

  it('says which field is missing', () => {
    const [, ret] = actionsFor('submitted', { district: true })
    expect(missingField(ret, {})).toBe('请填写退回原因')
    expect(missingField(ret, { reason: '缺预算说明' })).toBeNull()
    const [approve] = actionsFor('site_visit', { district: true })
    expect(missingField(approve, { approved_amount: '-3' })).toBe('金额须为大于 0 的数字')
  })
})

const app = (overrides: Partial<StaffApplication> = {}) => ({
  id: 9, project_name: '社区助老', status: 'submitted', requested_amount: '50000.00', objections: [], ...overrides,
}) as StaffApplication

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('the action bar', () => {
  it('shows the buttons of the status and posts the chosen one', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ id: 9, status: 'formal_passed' }), { status: 200 }))
    const wrapper = mount(ActionBar, { props: { application: app(), district: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(wrapper.find('[data-test=action-pass_formal]').exists()).toBe(true)
    expect(wrapper.find('[data-test=action-approve]').exists()).toBe(false)
    await wrapper.find('[data-test=action-pass_formal]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-test=action-submit]') as HTMLButtonElement).click()
    await flushPromises()
    const request = fetch.mock.calls[0][0] as Request
    expect(new URL(request.url, 'http://x').pathname).toBe('/api/admin/v1/grants/applications/9/formal-check')
    expect(await request.json()).toEqual({ passed: true, reason: '' })
    expect(wrapper.emitted('done')).toEqual([['pass_formal']])
  })

  it('shows the API message inside the dialog and refuses an empty reason without a request', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ code: 'illegal_transition', message: '申请当前为“形式审查通过”，不能执行该操作' }), { status: 409 }))
    const wrapper = mount(ActionBar, { props: { application: app(), district: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await wrapper.find('[data-test=action-return_for_info]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-test=action-submit]') as HTMLButtonElement).click()
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect(document.querySelector('[data-test=action-error]')?.textContent).toContain('请填写退回原因')
    const textarea = document.querySelector('[data-test=field-reason]') as HTMLTextAreaElement
    textarea.value = '请补充预算说明'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-test=action-submit]') as HTMLButtonElement).click()
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('[data-test=action-error]')?.textContent).toContain('不能执行该操作'))
    expect(wrapper.emitted('done')).toBeUndefined()
  })

  it('hands the expert assignment to the page', async () => {
    const wrapper = mount(ActionBar, { props: { application: app({ status: 'formal_passed' }), district: true }, global: { plugins: [ElementPlus] } })
    await wrapper.find('[data-test=action-assign_experts]').trigger('click')
    expect(wrapper.emitted('assign')).toHaveLength(1)
  })
})
