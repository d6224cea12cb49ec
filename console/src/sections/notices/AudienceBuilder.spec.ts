import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { nextTick } from 'vue'
import AudienceBuilder from './AudienceBuilder.vue'
import { normalise, type Audience } from './audience'
import { ApiError } from '@/api/client'

const towns = [{ id: 1, name: '临城街道', level: 'town' as const, code: '1', parent_id: null, active: true }]
const reach = (n: number) => ({ reach: n, can_receive_subscribe_now: 0, audience_label: '临城街道社会组织负责人', scope_region_id: 1, needs_approval: false })

function mountBuilder(preview: (a: Audience) => Promise<ReturnType<typeof reach>>, district = true) {
  return mount(AudienceBuilder, {
    props: { towns, district, preview, debounceMs: 0, modelValue: { kind: 'org_leaders', town_id: 1, org_ids: [] } as Audience },
    global: { plugins: [ElementPlus] },
  })
}

describe('audience builder', () => {
  it('shows the live recipient count and recounts when the audience changes', async () => {
    const preview = vi.fn().mockResolvedValueOnce(reach(12)).mockResolvedValueOnce(reach(30))
    const wrapper = mountBuilder(preview)
    await vi.waitFor(() => expect(wrapper.find('[data-test=reach-count]').text()).toBe('12'))
    await wrapper.setProps({ modelValue: { kind: 'org_leaders', town_id: null, category: 'charity', org_ids: [] } })
    await vi.waitFor(() => expect(wrapper.find('[data-test=reach-count]').text()).toBe('30'))
    expect(preview).toHaveBeenLastCalledWith({ kind: 'org_leaders', town_id: null, category: 'charity', org_ids: [] })
  })

  it("shows the API's message when the audience is refused", async () => {
    const wrapper = mountBuilder(() => Promise.reject(new ApiError('只能向本镇街发送通知', 403, 'forbidden')))
    await flushPromises()
    await nextTick()
    await vi.waitFor(() => expect(wrapper.text()).toContain('只能向本镇街发送通知'))
  })

  it('offers town officers no district-wide audience and locks their town', async () => {
    const wrapper = mountBuilder(() => Promise.resolve(reach(1)), false)
    await flushPromises()
    const kinds = (wrapper.vm as unknown as { $: { setupState: { kinds: { value: string }[] } } }).$.setupState.kinds
    expect(kinds.map((k) => k.value)).not.toContain('all')
  })

  it('sends only the fields of the chosen kind', () => {
    expect(normalise({ kind: 'all', town_id: 3, category: 'charity', org_ids: [1] })).toEqual({ kind: 'all', org_ids: [] })
    expect(normalise({ kind: 'orgs', town_id: 3, org_ids: [4, 5] })).toEqual({ kind: 'orgs', org_ids: [4, 5] })
    expect(normalise({ kind: 'activity', activity_id: 9, org_ids: [] })).toEqual({ kind: 'activity', activity_id: 9, org_ids: [] })
  })
})
