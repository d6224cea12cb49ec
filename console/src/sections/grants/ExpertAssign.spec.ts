import { afterEach, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ExpertAssign from './ExpertAssign.vue'

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
const experts = [1, 2, 3].map((id) => ({
  id, name: `专家${id}`, affiliation: '某大学', expertise: '社会工作', org_links: [], active: true, phone: null,
}))

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

async function opened() {
  const sent: unknown[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request
    if (request.method === 'POST') {
      sent.push(await request.json())
      return json({})
    }
    return json({ items: experts, total: 3, page: 1, page_size: 20 })
  })
  const application = { id: 5, org_id: 77, assignments: [] } as never
  const wrapper = mount(ExpertAssign, {
    props: { open: true, application, need: 3 }, global: { plugins: [ElementPlus] }, attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, sent }
}

const boxes = () =>
  Array.from(document.querySelectorAll('[data-test=assign-table] tbody .el-checkbox input')) as HTMLInputElement[]
const submit = () => (document.querySelector('[data-test=assign-submit]') as HTMLButtonElement).click()

it('a choice cancelled is neither shown nor sent when the dialog opens again', async () => {
  const { wrapper, sent } = await opened()
  boxes()[0].click()
  await flushPromises()
  await wrapper.setProps({ open: false })
  await flushPromises()
  await wrapper.setProps({ open: true })
  await flushPromises()
  expect(boxes().map((b) => b.checked)).toEqual([false, false, false])
  boxes()[1].click()
  await flushPromises()
  submit()
  await flushPromises()
  expect(sent).toEqual([{ expert_ids: [2], fill_from_pool: true }])
})

it('sends exactly the experts ticked', async () => {
  const { sent } = await opened()
  boxes()[0].click()
  boxes()[2].click()
  await flushPromises()
  submit()
  await flushPromises()
  expect(sent).toEqual([{ expert_ids: [1, 3], fill_from_pool: true }])
})
