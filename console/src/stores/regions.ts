// Towns and communities, read once per session for filters, labels and the audience builder.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { call, shape } from '@/api/client'
import type { Items, Region } from '@/api/views'

export const useRegions = defineStore('regions', () => {
  const all = ref<Region[]>([])
  let loading: Promise<void> | null = null

  const towns = computed(() => all.value.filter((r) => r.level === 'town' && r.active))
  function name(id: number | null | undefined): string {
    if (id == null) return '全区'
    return all.value.find((r) => r.id === id)?.name ?? `#${id}`
  }

  function load(): Promise<void> {
    loading ??= call('get', '/api/admin/v1/regions', {}, shape<Items<Region>>())
      .then((page) => { all.value = page.items })
      .catch((e) => { loading = null; throw e })
    return loading
  }

  return { all, towns, name, load }
})
