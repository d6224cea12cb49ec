import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import FollowUpDialog from './FollowUpDialog.vue'
import { todayInBeijing } from './types'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const contacts = [{ id: 1, org_id: 9, method: 'visit', outcome: 'failed', attempted_on: '2026-11-20', note: '住所已搬空' }]
const elections = [{ id: 2, org_id: 9, held_on: '2021-01-10', term_end: '2026-01-09', note: '第二届' }]

/** The API as the dialog sees it; `post` answers the POSTs, which are kept (path and body) in `sent`;
 * the GETs (path and query) are kept in `read` and answered one page of `total` rows at a time. */
function api(post: (url: string, body: unknown) => Response, total = 1) {
  const sent: { url: string; body: unknown }[] = []
  const read: string[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request
    const url = new URL(request.url, 'http://x').pathname
    if (request.method === 'POST') {
      const body = await request.json()
      sent.push({ url, body })
      return post(url, body)
    }
    const query = new URL(request.url, 'http://x').searchParams
    read.push(`${url}?${query}`)
    const page = Number(query.get('page')), size = Number(query.get('page_size'))
    const row = url.endsWith('/contact-attempts') ? contacts[0] : elections[0]
    const rows = Array.from({ length: total }, (_, i) => ({ ...row, id: i + 1 })).slice((page - 1) * size, page * size)
    return json({ items: rows, total, page, page_size: size })
  })
  return Object.assign(sent, { read })
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

  it('reads each history a page of 10 at a time and starts again from page 1 for another organization', async () => {
    const { read } = api(() => json({}, 201), 23)
    const wrapper = open()
    await flushPromises()
    expect(read).toEqual(expect.arrayContaining([
      '/api/admin/v1/orgs/9/contact-attempts?page=1&page_size=10', '/api/admin/v1/orgs/9/council-elections?page=1&page_size=10',
    ]))
    expect(document.querySelectorAll('[data-test=contact-table] tbody tr')).toHaveLength(10)
    expect(text('[data-test=contact-pager]')).toContain('23')
    ;(document.querySelector('[data-test=contact-pager] .btn-next') as HTMLButtonElement).click()
    await flushPromises()
    expect(read.at(-1)).toBe('/api/admin/v1/orgs/9/contact-attempts?page=2&page_size=10')
    read.length = 0
    await wrapper.setProps({ org: { id: 12, name: '另一协会' } })
    await flushPromises()
    expect(read.sort()).toEqual([
      '/api/admin/v1/orgs/12/contact-attempts?page=1&page_size=10', '/api/admin/v1/orgs/12/council-elections?page=1&page_size=10',
    ])
  })

  it('drops a late answer for the organization shown before', async () => {
    const held: (() => void)[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = new URL((input as Request).url, 'http://x').pathname
      const org = Number(url.split('/')[5])
      const row = url.endsWith('/contact-attempts') ? { ...contacts[0], org_id: org, note: `组织${org}的记录` } : { ...elections[0], org_id: org }
      const answer = json({ items: [row], total: 1, page: 1, page_size: 10 })
      if (org === 9) await new Promise<void>((r) => held.push(r)) // the first organization's answers are slow
      return answer
    })
    const wrapper = open()
    await flushPromises()
    await wrapper.setProps({ org: { id: 12, name: '另一协会' } })
    await flushPromises()
    held.forEach((release) => release())
    await flushPromises()
    expect(text('[data-test=contact-table]')).toContain('组织12的记录')
    expect(text('[data-test=contact-table]')).not.toContain('组织9的记录')
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
