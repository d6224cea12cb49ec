// Paging for the lists the API answers whole ({items}: the incubation and grant routes have no
// page parameters); the table shows one page at a time with the same el-pagination as elsewhere.
import { computed, ref, watch, type Ref } from 'vue'

export function usePaged<T>(source: Ref<T[]>, size = 20) {
  const page = ref(1)
  const pageSize = ref(size)
  const total = computed(() => source.value.length)
  const rows = computed(() => source.value.slice((page.value - 1) * pageSize.value, page.value * pageSize.value))
  watch(total, (n) => {
    if ((page.value - 1) * pageSize.value >= n) page.value = 1
  })
  return { page, pageSize, rows, total }
}
