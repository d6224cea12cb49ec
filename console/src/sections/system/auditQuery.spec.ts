import { describe, expect, it } from 'vitest'
import { auditQuery, operatorLabel, type AuditFilters } from './auditQuery'

const empty: AuditFilters = { object_type: '', object_id: '', actor_id: '', actor_name: '', action: '', range: null }

describe('audit log filters', () => {
  it('sends the operator name trimmed, and leaves out what is empty', () => {
    expect(auditQuery({ ...empty, actor_name: '  张晓明 ' })).toEqual({ query: {
      object_type: undefined, object_id: undefined, actor_id: undefined, actor_name: '张晓明', action: undefined,
      since: undefined, until: undefined,
    } })
    expect(auditQuery({ ...empty, actor_name: '   ' })).toMatchObject({ query: { actor_name: undefined } })
  })

  it('combines the name with the other filters; an object id only with its type', () => {
    const r = auditQuery({ ...empty, actor_name: '李', actor_id: ' 12 ', object_id: '5', action: 'org.review.approve',
      range: ['2026-12-01T00:00:00', '2026-12-02T00:00:00'] })
    expect(r).toEqual({ query: { object_type: undefined, object_id: undefined, actor_id: 12, actor_name: '李',
      action: 'org.review.approve', since: '2026-12-01T00:00:00', until: '2026-12-02T00:00:00' } })
  })

  it('points a name typed into the id box to the name box, and refuses an overlong name', () => {
    expect(auditQuery({ ...empty, actor_id: '张三' })).toEqual({ problem: expect.stringContaining('操作人姓名') })
    expect(auditQuery({ ...empty, actor_name: '张'.repeat(33) })).toEqual({ problem: '操作人姓名最多 32 个字' })
  })

  it('labels the operator by name when the API gives one', () => {
    expect(operatorLabel({ actor_id: 7, actor_name: '张晓明' })).toBe('张晓明（#7）')
    expect(operatorLabel({ actor_id: 7, actor_name: null })).toBe('#7')
    expect(operatorLabel({ actor_id: null })).toBe('系统')
  })
})
