// Delivery progress of a notice, from GET /notices/{id}/progress.
import type { NoticeProgress } from '@/api/views'

export interface ProgressFigures {
  total: number
  sent: number
  queued: number
  failed: number
  review: number
  noQuota: number
  refused: number
  percent: number
  running: boolean
}

const OPEN = new Set(['pending', 'sending'])

export function figures(p: NoticeProgress): ProgressFigures {
  const f = { total: 0, sent: 0, queued: 0, failed: 0, review: 0, noQuota: 0, refused: 0 }
  let settled = 0
  for (const counts of Object.values(p.channels)) {
    for (const [status, n] of Object.entries(counts)) {
      if (status === 'cancelled') continue
      f.total += n
      if (!OPEN.has(status)) settled += n
      if (status === 'sent') f.sent += n
      else if (OPEN.has(status)) f.queued += n
      else if (status === 'failed') f.failed += n
      else if (status === 'review') f.review += n
      else if (status === 'no_quota') f.noQuota += n
      else if (status === 'refused') f.refused += n
    }
  }
  const running = p.status === 'queued' || p.status === 'sending'
  const done = p.status === 'completed' && f.queued === 0
  const percent = done ? 100 : f.total === 0 ? 0 : Math.min(99, Math.floor((settled / f.total) * 100))
  return { ...f, percent, running }
}
