// The audit log viewer's filters as the API's query (GET /api/admin/v1/audit-log), or the reason
// they cannot be sent: the operator is asked for by user id (digits) or by name (part of a staff
// account's real name or username), and an object id only counts with its object type.
export interface AuditFilters {
  object_type: string
  object_id: string
  actor_id: string
  actor_name: string
  action: string
  range: [string, string] | null
}

export interface AuditQuery {
  object_type?: string
  object_id?: string
  actor_id?: number
  actor_name?: string
  action?: string
  since?: string
  until?: string
}

export function auditQuery(f: AuditFilters): { query: AuditQuery } | { problem: string } {
  const actor = f.actor_id.trim()
  if (actor && !/^\d+$/.test(actor)) return { problem: '操作人 id 请填写数字；按姓名查找请填在“操作人姓名”中' }
  const name = f.actor_name.trim()
  if (name.length > 32) return { problem: '操作人姓名最多 32 个字' }
  return {
    query: {
      object_type: f.object_type || undefined,
      object_id: (f.object_type && f.object_id.trim()) || undefined,
      actor_id: actor ? Number(actor) : undefined,
      actor_name: name || undefined,
      action: f.action.trim() || undefined,
      since: f.range?.[0] ?? undefined,
      until: f.range?.[1] ?? undefined,
    },
  }
}

/** How the operator column reads: the staff member's name, else the user id; system tasks as 系统. */
export function operatorLabel(entry: { actor_id: number | null; actor_name?: string | null }): string {
  if (entry.actor_id == null) return '系统'
  return entry.actor_name ? `${entry.actor_name}（#${entry.actor_id}）` : `#${entry.actor_id}`
}
