// Paging through the API's own pagination (`page`/`page_size` in, `{items,total,page,page_size}` out):
// the one place the console keeps a table's current page, its size, loading and the total.
// `fetch` receives the page wanted and reads the filters itself; answers that arrive after a newer
// request are dropped (a slow page 1 must not overwrite page 2), and when the page asked for lies
// past the end (the last row of the last page was just acted on), the last page that exists is read.
import { ref, type Ref } from 'vue'
import type { Page } from '@/api/views'
import { showError } from '@/errors'

export interface PageWanted { page: number; page_size: number }

export interface ApiPage<T> {
  data: Ref<Page<T>>
  loading: Ref<boolean>
  /** Reads page `n` (the current page when omitted); resolves once the table shows it. */
  load: (n?: number) => Promise<void>
  /** A new page size: back to the first page. */
  resize: (size: number) => Promise<void>
}

export function useApiPage<T>(
  fetch: (wanted: PageWanted) => Promise<Page<T>>,
  options: { size?: number; page?: number; onError?: (e: unknown) => void } = {},
): ApiPage<T> {
  const data = ref({ items: [], total: 0, page: options.page ?? 1, page_size: options.size ?? 20 }) as Ref<Page<T>>
  const loading = ref(false)
  const onError = options.onError ?? showError
  let latest = 0

  async function load(n: number = data.value.page): Promise<void> {
    const ticket = ++latest
    const page_size = data.value.page_size
    const shown = data.value.page
    data.value.page = n
    loading.value = true
    try {
      const answer = await fetch({ page: n, page_size })
      if (ticket !== latest) return
      const last = Math.max(1, Math.ceil(answer.total / page_size))
      if (!answer.items.length && n > last) {
        await load(last)
        return
      }
      data.value = answer
    } catch (e) {
      if (ticket !== latest) return
      data.value.page = shown // the rows on screen are still the page shown before
      onError(e)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  function resize(size: number): Promise<void> {
    data.value.page_size = size
    return load(1)
  }

  return { data, loading, load, resize }
}
