import type { components } from '../../api/schema'

type AudienceIn = components['schemas']['AudienceIn']

// The audience of a notice as the composer edits it (the backend's AudienceIn, with org_ids always present).
export interface Audience {
  kind: AudienceIn['kind']
  town_id?: number | null
  category?: AudienceIn['category']
  activity_id?: number | null
  program_id?: number | null
  org_ids: number[]
}

/** Only what the chosen kind uses is sent, so a field left from another kind never narrows the audience. */
export function normalise(a: Audience): Audience {
  const base: Audience = { kind: a.kind, org_ids: [] }
  if (a.kind === 'org_leaders') return { ...base, town_id: a.town_id ?? null, category: a.category || null }
  if (a.kind === 'grant_program') return { ...base, town_id: a.town_id ?? null, program_id: a.program_id ?? null }
  if (a.kind === 'activity') return { ...base, activity_id: a.activity_id ?? null }
  if (a.kind === 'orgs') return { ...base, org_ids: [...a.org_ids] }
  return base
}
