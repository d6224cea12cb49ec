import { describe, expect, it } from 'vitest'
import { answerPeriodOpen, todayInBeijing } from './types'

describe('supervision dates', () => {
  it('takes today as the Beijing calendar day, not the browser zone', () => {
    expect(todayInBeijing(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01') // 00:30 in Beijing
    expect(todayInBeijing(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31')
  })

  it('keeps inclusion waiting through the last day of the answer period unless the organization answered', () => {
    expect(answerPeriodOpen({ answer_due: '2026-04-10', answered_at: null }, '2026-04-10')).toBe(true)
    expect(answerPeriodOpen({ answer_due: '2026-04-10', answered_at: null }, '2026-04-11')).toBe(false)
    expect(answerPeriodOpen({ answer_due: '2026-04-10', answered_at: '2026-04-02T10:00:00+08:00' }, '2026-04-03')).toBe(false)
  })
})
