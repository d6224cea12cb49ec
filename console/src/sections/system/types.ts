// Names for the generated shapes the 系统 screens read (schema.d.ts; `make console-types` regenerates it).
import type { components } from '@/api/schema'

type S = components['schemas']

export type StaffAccount = S['StaffAccountRead']
export type TemporaryPassword = S['TemporaryPasswordRead']
export type AuditEntry = S['AuditEntryRead']
