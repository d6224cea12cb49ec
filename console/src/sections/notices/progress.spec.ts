import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { NoticeProgress } from '@/api/views'
import DeliveryProgress from './DeliveryProgress.vue'
import { figures } from './progress'

const progress = (status: NoticeProgress['status'], inbox: Record<string, number>, subscribe: Record<string, number> = {}): NoticeProgress => ({
  notice_id: 1, status, recipient_count: 10, channels: { inbox, subscribe }, inbox_read: 2, retrying: 0,
})

describe('delivery progress', () => {
  it('counts settled deliveries over all channels and never shows 100% while sending', () => {
    const f = figures(progress('sending', { sent: 10 }, { sent: 4, pending: 3, sending: 1, failed: 1, no_quota: 1, review: 0 }))
    expect(f).toMatchObject({ total: 20, sent: 14, queued: 4, failed: 1, noQuota: 1, running: true })
    expect(f.percent).toBe(80)
    expect(figures(progress('sending', { sent: 10 })).percent).toBe(99)
  })

  it('is 100% once the notice is completed', () => {
    expect(figures(progress('completed', { sent: 10 }, { sent: 8, refused: 2 })).percent).toBe(100)
    expect(figures(progress('completed', {})).percent).toBe(100)
  })

  it('shows the bar and the counts', () => {
    const wrapper = mount(DeliveryProgress, {
      props: { progress: progress('completed', { sent: 10 }, { sent: 7, review: 1, no_quota: 2 }) },
      global: { plugins: [ElementPlus] },
    })
    expect(wrapper.find('[data-percent="100"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('待人工核查')
    expect(wrapper.text()).toContain('订阅次数用尽')
  })
})
