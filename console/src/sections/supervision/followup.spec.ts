import { describe, expect, it } from 'vitest'
import { contactBody, contactProblem, electionProblem, methodLabel } from './followup'

describe('zombie clean-up follow-ups', () => {
  const contact = { method: 'visit' as const, outcome: 'failed' as const, attempted_on: '2026-12-03', note: '  住所已搬空 ' }

  it('takes a contact dated today or before, and sends its note trimmed', () => {
    expect(contactProblem(contact, '2026-12-03')).toBe('')
    expect(contactProblem({ ...contact, attempted_on: '2026-12-04' }, '2026-12-03')).toBe('联系日期不能晚于今天')
    expect(contactProblem({ ...contact, attempted_on: '' }, '2026-12-03')).toBe('请选择联系日期')
    expect(contactBody(contact)).toEqual({ method: 'visit', outcome: 'failed', attempted_on: '2026-12-03', note: '住所已搬空' })
    expect(methodLabel('supervisor')).toBe('业务主管单位反馈')
  })

  it('takes an election only when the new term ends after it', () => {
    expect(electionProblem({ held_on: '2026-01-10', term_end: '2031-01-09', note: '' })).toBe('')
    expect(electionProblem({ held_on: '2026-01-10', term_end: '2026-01-10', note: '' })).toBe('任期届满日期须晚于换届日期')
    expect(electionProblem({ held_on: '', term_end: '2031-01-09', note: '' })).toBe('请选择换届日期')
    expect(electionProblem({ held_on: '2026-01-10', term_end: '', note: '' })).toBe('请选择新一届任期届满日期')
  })
})
