import { describe, expect, it, vi } from 'vitest'
import type { Page } from '@/api/views'
import { useApiPage, type PageWanted } from './apiPage'

const rows = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

/** A list of `total` numbered rows paged the way the API pages it. */
function server(total: () => number) {
  return vi.fn(async ({ page, page_size }: PageWanted): Promise<Page<number>> => ({
    items: rows(total()).slice((page - 1) * page_size, page * page_size), total: total(), page, page_size,
  }))
}

describe('paging through the API', () => {
  it('asks the API for the page and size shown and keeps its answer', async () => {
    const fetch = server(() => 45)
    const pager = useApiPage(fetch, { size: 20 })
    await pager.load(3)
    expect(fetch).toHaveBeenLastCalledWith({ page: 3, page_size: 20 })
    expect(pager.data.value).toMatchObject({ items: [41, 42, 43, 44, 45], total: 45, page: 3 })
    await pager.resize(50)
    expect(fetch).toHaveBeenLastCalledWith({ page: 1, page_size: 50 })
    expect(pager.data.value.items).toHaveLength(45)
    expect(pager.loading.value).toBe(false)
  })

  it('a page that fails to load leaves the pager on the page whose rows are shown, and says why', async () => {
    const errors: unknown[] = []
    let fail = false
    const ok = server(() => 45)
    const pager = useApiPage((w) => (fail ? Promise.reject(new Error('网络错误')) : ok(w)), {
      onError: (e) => errors.push(e),
    })
    await pager.load(2)
    fail = true
    await pager.load(3)
    expect(pager.data.value).toMatchObject({ page: 2, items: rows(40).slice(20) })
    expect(errors).toHaveLength(1)
    expect(pager.loading.value).toBe(false)
  })

  it('drops an answer overtaken by a newer request', async () => {
    let release: (p: Page<number>) => void = () => {}
    const fetch = vi.fn((w: PageWanted) => (w.page === 1
      ? new Promise<Page<number>>((r) => (release = r))
      : Promise.resolve({ items: [21], total: 21, page: 2, page_size: 20 })))
    const pager = useApiPage(fetch)
    const slow = pager.load(1)
    await pager.load(2)
    release({ items: rows(20), total: 21, page: 1, page_size: 20 })
    await slow
    expect(pager.data.value.page).toBe(2)
    expect(pager.data.value.items).toEqual([21])
  })

  it('reads the last page that exists when the one shown has emptied', async () => {
    let total = 41
    const fetch = server(() => total)
    const pager = useApiPage(fetch)
    await pager.load(3)
    expect(pager.data.value.items).toEqual([41])
    total = 40 // the only row of page 3 was just decided
    await pager.load()
    expect(fetch).toHaveBeenLastCalledWith({ page: 2, page_size: 20 })
    expect(pager.data.value.page).toBe(2)
    expect(pager.data.value.items).toHaveLength(20)
  })

  it('shows a failure through the handler given and keeps the rows it had', async () => {
    const onError = vi.fn()
    const pager = useApiPage(async () => { throw new Error('每页条数 应不大于 100') }, { onError })
    await pager.load(1)
    expect(onError).toHaveBeenCalledOnce()
    expect(pager.data.value.items).toEqual([])
    expect(pager.loading.value).toBe(false)
  })
})
