import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { usePaged } from './paged'

describe('client-side paging of a whole list', () => {
  it('shows one page and goes back to the first when the list shrinks below it', async () => {
    const items = ref(Array.from({ length: 45 }, (_, i) => i))
    const paged = usePaged(items, 20)
    expect(paged.total.value).toBe(45)
    expect(paged.rows.value).toHaveLength(20)
    paged.page.value = 3
    expect(paged.rows.value).toEqual([40, 41, 42, 43, 44])
    items.value = items.value.slice(0, 10)
    await nextTick()
    expect(paged.page.value).toBe(1)
    expect(paged.rows.value).toHaveLength(10)
  })
})
