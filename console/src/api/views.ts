// Names the console uses for shapes the generated document describes (schema.d.ts, from the backend's
// Read schemas), plus the generic list envelopes. Nothing here is written by hand any more: regenerate
// with `make console-types` and vue-tsc checks every use against the backend's real answers.
import type { components, paths } from './schema'

type S = components['schemas']

/** The query parameters of a GET route, as the generated contract declares them. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never

export type Role = 'staff' | 'admin'
export type StaffUser = S['StaffUserRead']
export type TokenGrant = S['StaffLoginRead']

export interface Page<T> { items: T[]; total: number; page: number; page_size: number }
export interface Items<T> { items: T[] }

export type RegionRef = S['RegionRef']
export type Region = S['RegionRead']
export type Coverage = S['CoverageRead']
export type Org = S['OrgFullRead']
export type SupervisionRecord = S['SupervisionRead']
export type Claim = S['ClaimRead']

export type CoverageSummary = S['CoverageSummary']
export type BlankSpot = S['BlankSpot']
export type CoverageDashboard = S['CoverageDashboard']

export type NoticeStatus = NonNullable<QueryOf<'/api/admin/v1/notices'>['status']>
export type OrgStatus = NonNullable<QueryOf<'/api/admin/v1/orgs'>['status']>
export type ReviewStage = S['ReviewStage']
export type Notice = S['NoticeRead']
export type NoticeProgress = S['NoticeProgress']
export type NoticeDetail = S['NoticeDetail']
export type Reach = S['ReachPreview']
export type Template = S['TemplateRead']

export type KbDocument = S['DocumentRead']
export type HitTestResult = S['HitTestRead']
export type QuestionGroup = S['QuestionGroupRead']

export type GrantProgram = S['ProgramRead']
export type ApplicationStatus = S['ApplicationStatus']
export type ApplicationSummary = S['ApplicationSummary']
export type StaffApplication = S['StaffApplicationRead']
export type StaffAssignment = S['StaffAssignmentRead']
export type Expert = S['ExpertRead']
export type Objection = S['ObjectionRead']
export type RankingRow = S['RankingRow']

export type IncubationBase = S['BaseRead']
export type RecruitmentWindow = S['WindowRead']
export type WindowHistory = S['WindowHistoryRead']
export type AdmissionStatus = S['AdmissionStatus']
export type Admission = S['AdmissionRead']
export type StaffAdmission = S['StaffAdmissionRead']
