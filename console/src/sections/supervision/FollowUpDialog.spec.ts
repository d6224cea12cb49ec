import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import FollowUpDialog from './FollowUpDialog.vue'
import { todayInBeijing } from './types'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const contacts = [{ id: 1, org_id: 9, method: 'visit', outcome: 'failed', attempted_on: '2026-11-20', note: '住所已搬空' }]
const elections = [{ id: 2, org_id: 9, held_on: '2021-01-10', term_end: '2026-01-09', note: '第二届' }]

/** The API as the dialog sees it; `post` answers the POSTs, which are kept (path and body) in `sent`. */
function api(post: (url: string, body: unknown) => Response) {
  const sent: { url: string; body: unknown }[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request
    const url = new URL(request.url, 'http://x').pathname
    if (request.method === 'POST') {
      const body = await request.json()
      sent.push({ url, body })
      return post(url, body)
    }
    return json({ items: url.endsWith('/contact-attempts') ? contacts : elections })
  })
  return sent
}
const click = (sel: string) => (document.querySelector(sel) as HTMLButtonElement).click()
const text = (sel: string) => document.querySelector(sel)?.textContent ?? ''

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

function open(initialTab: 'contact' | 'election' = 'contact') {
  return mount(FollowUpDialog, {
    props: { org: { id: 9, name: '测试协会' }, initialTab }, global: { plugins: [ElementPlus] }, attachTo: document.body,
  })
}

describe('zombie follow-up dialog', () => {
  it('shows both histories and records a contact dated today with its note', async () => {
    const sent = api((_url, body) => json({ id: 3, org_id: 9, ...(body as object) }, 201))
    const wrapper = open()
    await flushPromises()
    expect(text('[data-test=contact-table]')).toContain('住所已搬空')
    expect(text('[data-test=contact-table]')).toContain('上门走访')
    expect(text('[data-test=election-table]')).toContain('2026-01-09')
    const found = document.querySelector('[data-test=contact-note]') as HTMLElement
    const note = (found.tagName === 'INPUT' ? found : found.querySelector('input')) as HTMLInputElement
    note.value = '  电话空号 '
    note.dispatchEvent(new Event('input'))
    await flushPromises()
    click('[data-test=contact-submit]')
    await flushPromises()
    expect(sent).toHaveLength(1)
    expect(sent[0].url).toBe('/api/admin/v1/orgs/9/contact-attempts')
    expect(sent[0].body).toEqual({ method: 'phone', outcome: 'failed', attempted_on: todayInBeijing(), note: '电话空号' })
    expect(wrapper.emitted('recorded')).toHaveLength(1)
  })

  it('shows the API message inside the dialog when a contact is refused', async () => {
    api(() => json({ code: 'validation_error', message: '联系日期：联系日期不能晚于今天', details: {} }, 422))
    const wrapper = open()
    await flushPromises()
    click('[data-test=contact-submit]')
    await flushPromises()
    expect(text('[data-test=contact-error]')).toContain('联系日期不能晚于今天')
    expect(wrapper.emitted('recorded')).toBeUndefined()
  })

  it('asks for the election dates before sending anything', async () => {
    const sent = api(() => json({}, 201))
    open('election')
    await flushPromises()
    click('[data-test=election-submit]')
    await flushPromises()
    expect(text('[data-test=election-error]')).toContain('请选择换届日期')
    expect(sent).toHaveLength(0)
  })
})
