// The queues waiting for this officer, each counted through the API's own list routes.
import { call, shape } from '@/api/client'
import type { Notice, OrgStatus, Page, QuestionGroup } from '@/api/views'

export interface Queue { key: string; label: string; count: number | null; to: string }

async function total(read: () => Promise<{ total: number } | { items: unknown[] }>): Promise<number | null> {
  try {
    const page = await read()
    return 'total' in page ? page.total : page.items.length
  } catch {
    return null // one unreadable queue must not blank the whole dashboard
  }
}

export async function loadQueues(weekAgo: Date = new Date(Date.now() - 7 * 864e5)): Promise<Queue[]> {
  const orgs = (status: OrgStatus) => () => call('get', '/api/admin/v1/orgs', { query: { status, page_size: 1 } }, shape<Page<unknown>>())
  const [registrations, changes, claims, admissions, approvals, refused] = await Promise.all([
    total(orgs('pending')),
    total(orgs('change_pending')),
    total(() => call('get', '/api/admin/v1/orgs/claims', { query: { page_size: 1 } }, shape<Page<unknown>>())),
    total(() => call('get', '/api/admin/v1/incubation/admissions', { query: { status: 'pending', page_size: 1 } }, shape<Page<unknown>>())),
    total(async () => {
      const page = await call('get', '/api/admin/v1/notices', { query: { status: 'draft', page_size: 100 } }, shape<Page<Notice>>())
      return { items: page.items.filter((n) => n.needs_approval) }
    }),
    total(async () => {
      const page = await call('get', '/api/admin/v1/bot/questions/refused', { query: { sort: 'recent', page_size: 100 } },
        shape<Page<QuestionGroup>>())
      return { items: page.items.filter((q) => q.last_at && new Date(q.last_at) >= weekAgo) }
    }),
  ])
  return [
    { key: 'registrations', label: '待审核登记', count: registrations, to: '/orgs?status=pending' },
    { key: 'changes', label: '待审核变更', count: changes, to: '/orgs?status=change_pending' },
    { key: 'claims', label: '负责人认领', count: claims, to: '/orgs/claims' },
    { key: 'admissions', label: '孵化入驻申请', count: admissions, to: '/incubation?tab=admissions&status=pending' },
    { key: 'approvals', label: '待审核全区通知', count: approvals, to: '/notices?status=draft' },
    { key: 'refused', label: '本周未答问题', count: refused, to: '/bot' },
  ]
}
