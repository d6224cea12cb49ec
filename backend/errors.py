"""Typed domain errors: one class per error code, its HTTP status and Chinese message defined once.

Services raise these ("in app code, just raise"); nothing here imports a web framework. The web layer
(`backend.http_errors`) alone renders them as the envelope `{"code", "message", "details"}`. A message
may be a template: `ExpertConflict(name=..., reason=...)` fills it, so each code still has one message.
`README.md` publishes the table of every code (`python -m backend error-codes`).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import ValidationError as PydanticValidationError

from backend import field_labels


class DomainError(Exception):
    """A failure the caller can act on; subclasses fix status and default code/message."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    default_message: ClassVar[str] = "请求有误"

    def __init__(self, message: str | None = None, *, details: Any = None, **params: Any):
        # Only the generic bases take a free `message` (field errors name their field); named codes fill
        # their template from `params`.
        self.message = message or (self.default_message.format(**params) if params else self.default_message)
        self.error_code = self.code
        self.details = details if details is not None else {}
        super().__init__(self.message)


class BadInput(DomainError):
    status, code, default_message = 400, "bad_request", "请求格式有误"


class Unauthorized(DomainError):
    status, code, default_message = 401, "unauthorized", "请先登录"


class Forbidden(DomainError):
    status, code, default_message = 403, "forbidden", "当前账号无权执行此操作"


class NotFoundError(DomainError):
    status, code, default_message = 404, "not_found", "资源不存在"


class Conflict(DomainError):
    status, code, default_message = 409, "conflict", "操作与当前状态冲突"


class PayloadTooBig(DomainError):
    status, code, default_message = 413, "payload_too_large", "请求内容过大"


class UnsupportedMedia(DomainError):
    status, code, default_message = 415, "unsupported_media_type", "不支持的请求内容类型"


class Unprocessable(DomainError):
    status, code, default_message = 422, "validation_failed", "提交的内容有误"


class RateLimited(DomainError):
    status, code, default_message = 429, "rate_limited", "操作过于频繁，请稍后再试"


class UpstreamError(DomainError):
    status, code, default_message = 502, "upstream_error", "微信服务暂时不可用，请稍后再试"


class ServiceUnavailable(DomainError):
    status, code, default_message = 503, "unavailable", "服务暂时不可用"
    retry_after: ClassVar[int] = 5  # seconds, sent as the Retry-After header


def field_error(field: str, message: str) -> Unprocessable:
    """A 422 naming one field (by its Chinese label), in the same shape pydantic failures take."""
    text = field_labels.label(field)
    return Unprocessable(f"{text}：{message}", details={"fields": [{"field": field, "message": message}]})


# --- requests ----------------------------------------------------------------------------------------


class NotReady(ServiceUnavailable):
    code, default_message = "not_ready", "服务未就绪：{reason}"


class MalformedJson(BadInput):
    code, default_message = "malformed_json", "请求体应为合法的 JSON"


class JsonBodyRequired(BadInput):
    code, default_message = "json_body_required", "请求体不能为空：此接口需要 JSON 对象"


class MalformedForm(BadInput):
    code, default_message = "malformed_form", "上传的表单格式有误（multipart/form-data 需带 boundary）"


class JsonContentTypeRequired(UnsupportedMedia):
    code, default_message = "json_content_type_required", "该接口只接受 JSON 请求体（Content-Type: application/json）"


# --- availability ------------------------------------------------------------------------------------


class CacheUnavailable(ServiceUnavailable):
    code, default_message = "cache_unavailable", "服务暂时不可用（缓存服务无法连接），请稍后再试"


class DatabaseUnavailable(ServiceUnavailable):
    code, default_message = "database_unavailable", "服务暂时不可用（数据库无法连接），请稍后再试"


class ResponseTimedOut(ServiceUnavailable):
    code, default_message = "response_timeout", "服务器处理超时，请稍后再试"


class ShuttingDown(ServiceUnavailable):
    code, default_message = "shutting_down", "服务正在重启，请稍后重试"
    retry_after = 2


# --- accounts and sign-in ----------------------------------------------------------------------------


class TokenInvalid(Unauthorized):
    code, default_message = "token_invalid", "登录已失效，请重新登录"


class TokenLoggedOut(Unauthorized):
    code, default_message = "token_logged_out", "已退出登录，请重新登录"


class DevLoginRoleMismatch(Conflict):
    code, default_message = ("dev_login_role_mismatch",
                             "该 openid 已是{current}，开发登录不会更改已有账号的角色（请求的是{wanted}）；"
                             "请不填角色或换一个 openid")


class UsernameTaken(Conflict):
    code, default_message = "username_taken", "用户名已存在"


class LoginLocked(RateLimited):
    code, default_message = "login_locked", "该账号在本网络地址登录失败次数过多，请 {wait}后再试；如需立即登录，请联系管理员解除限制"


class LoginAddressBlocked(RateLimited):
    code, default_message = "login_address_blocked", "本网络地址登录失败次数过多，请稍后再试"


class StaffNotFound(NotFoundError):
    code, default_message = "staff_not_found", "工作人员账号不存在"


class StaffSelfDisable(Conflict):
    code, default_message = "staff_self_disable", "不能停用自己的账号"


class PasswordChangeRequired(Forbidden):
    code, default_message = "password_change_required", "您正在使用管理员重置的临时密码，请先修改密码"


class OldPasswordWrong(Unprocessable):
    code, default_message = "old_password_wrong", "原密码不正确"


class BadCredentials(Unauthorized):
    code, default_message = "bad_credentials", "用户名或密码错误"


class WechatCodeInvalid(Unauthorized):
    code, default_message = "wechat_code_invalid", "登录凭证无效或已使用，请重新登录"


class SoleLeader(Conflict):
    code, default_message = "sole_leader", "您是「{names}」唯一的负责人，请先在组织中确认另一位负责人（移交负责人）后再注销账号"


class ConsentRequired(Conflict):
    code, default_message = "consent_required", "请先阅读并同意最新版《个人信息收集使用说明》（版本 {version}）后再填写姓名和手机号"


class PhoneCodeInvalid(Unprocessable):
    code, default_message = "phone_code_invalid", "手机号授权凭证无效或已使用，请重新点击“获取手机号”"


class MemberNotFound(NotFoundError):
    code, default_message = "member_not_found", "该组织没有这位成员"


class LastLeader(Conflict):
    code, default_message = "last_leader", "您是该组织唯一的负责人，请先将负责人移交给另一位成员后再退出"


class NotAMember(Conflict):
    code, default_message = "not_a_member", "移交对象须是本组织已确认的普通成员"


class HandoverPending(Conflict):
    code, default_message = "handover_pending", "该组织已有一项负责人移交在等待工作人员确认"


class HandoverNotFound(NotFoundError):
    code, default_message = "handover_not_found", "负责人移交申请不存在或不在您的管辖范围内"


# --- organizations, regions, party building ----------------------------------------------------------


class OrgNotFound(NotFoundError):
    code, default_message = "org_not_found", "社会组织不存在"


class NotOrgLeader(Forbidden):
    code, default_message = "not_org_leader", "您不是该社会组织的已确认负责人"


class CreditCodeTaken(Conflict):
    code, default_message = "credit_code_taken", "该统一社会信用代码已被其他组织登记；如您是其负责人，请通过“认领组织”绑定"


class OrgNotEditable(Conflict):
    code, default_message = "org_not_editable", "该组织当前状态不能{action}"


class CharterPartyClauseMissing(Conflict):
    code, default_message = "charter_party_clause_missing", "章程未载明“坚持中国共产党的全面领导”的相关表述，请退回修改；确需核准的，请勾选“仍予核准”（override_charter_flag）并填写理由"


class ClaimExists(Conflict):
    code, default_message = "claim_exists", "您的认领申请正在审核中"


class AlreadyMember(Conflict):
    code, default_message = "already_member", "您已是该组织的成员"


class ClaimNotFound(NotFoundError):
    code, default_message = "claim_not_found", "认领申请不存在或不在您的管辖范围内"


class NothingToReview(Conflict):
    code, default_message = "nothing_to_review", "该组织没有待审核的登记或变更"


class OrgNameTaken(Conflict):
    code, default_message = "org_name_taken", "已有同名社会组织“{name}”（{status}），不能重复登记；如确为同一组织，请通过认领成为负责人"


class TownOpinionPending(Conflict):
    code, default_message = "town_opinion_pending", "镇街尚未出具初审意见，区级登记管理机关暂不能审核"


class TownOpinionGiven(Conflict):
    code, default_message = "town_opinion_given", "镇街已出具初审意见，正待区级登记管理机关审核"


class TownStaffOnly(Forbidden):
    code, default_message = "town_staff_only", "初审意见须由组织所在镇街的工作人员出具"


class JointBranchNotFound(NotFoundError):
    code, default_message = "joint_branch_not_found", "联合党支部不存在或不在您的管辖范围内"


class AlreadyInBranch(Conflict):
    code, default_message = "already_in_branch", "“{name}”已在{which}联合党支部中"


class JointBranchFull(Conflict):
    code, default_message = "joint_branch_full", "联合党支部“{name}”已覆盖 {max_units} 个单位，按规定一般不超过 5 个，不能再加入"


class RegionNotFound(NotFoundError):
    code, default_message = "region_not_found", "区域不存在"


class NotInBranch(NotFoundError):
    code, default_message = "not_in_branch", "该组织不在此联合党支部中"


class RegionCodeTaken(Conflict):
    code, default_message = "region_code_taken", "区划代码已存在"


class RegionNameTaken(Conflict):
    code, default_message = "region_name_taken", "同一上级区域下已有同名区域"


# --- activities, signups, check-ins, rosters ---------------------------------------------------------


class ContentRisky(Unprocessable):
    code, default_message = "content_risky", "{what}未通过微信内容安全检测，请修改后再提交"


class OrgNotActive(Conflict):
    code, default_message = "org_not_active", "该社会组织当前不是已登记状态，不能{action}"


class ActivityNotFound(NotFoundError):
    code, default_message = "activity_not_found", "活动不存在"


class ActivityCancelled(Conflict):
    code, default_message = "activity_cancelled", "活动已取消，不能{action}"


class ActivityStarted(Conflict):
    code, default_message = "activity_started", "活动已开始，不能{action}"


class CapacityBelowConfirmed(Conflict):
    code, default_message = "capacity_below_confirmed", "已有 {confirmed_count} 人报名成功，名额不能少于该人数"


class WaitlistBelowCurrent(Conflict):
    code, default_message = "waitlist_below_current", "已有 {waitlist_count} 人候补，候补上限不能少于该人数"


class ActivityEnded(Conflict):
    code, default_message = "activity_ended", "活动已结束，不能{action}"


class CheckinCodeInvalid(Unprocessable):
    code, default_message = "checkin_code_invalid", "签到码无效，请扫描组织者出示的签到码"


class CheckinCodeWrongActivity(Unprocessable):
    code, default_message = "checkin_code_wrong_activity", "该签到码不属于本活动"


class CheckinCodeExpired(Unprocessable):
    code, default_message = "checkin_code_expired", "签到码已过期，请重新扫描组织者页面上的最新签到码"


class ActivityNotOpen(Conflict):
    code, default_message = "activity_not_open", "活动未发布或已取消"


class CheckinNotOpen(Conflict):
    code, default_message = "checkin_not_open", "签到尚未开始（活动开始前 30 分钟开放）"


class CheckinOutOfRange(Unprocessable):
    code, default_message = "checkin_out_of_range", "您距活动地点约 {distance} 米，超出签到范围（{checkin_radius_m} 米）"


class NotConfirmed(Forbidden):
    code, default_message = "not_confirmed", "您没有该活动的有效报名，不能签到"


class NotCheckedIn(Conflict):
    code, default_message = "not_checked_in", "您还没有签到，不能签退"


class CheckoutBeforeStart(Conflict):
    # Minutes count from the start only: a check-out before it would record 0 minutes for good.
    code, default_message = "checkout_before_start", "活动尚未开始（{starts_at} 开始），开始后才能签退"


class ActivityNotStarted(Conflict):
    code, default_message = "activity_not_started", "活动开始后才能登记服务时长"


class SignupNotFound(NotFoundError):
    code, default_message = "signup_not_found", "没有本活动的有效报名"




class SignupBusy(Conflict):
    code, default_message = "signup_busy", "报名人数较多，请稍后重试"


class ActivityNotPublished(Conflict):
    code, default_message = "activity_not_published", "活动尚未发布，暂不能报名"


class SignupClosed(Conflict):
    code, default_message = "signup_closed", "报名已截止"


class WaitlistFull(Conflict):
    code, default_message = "waitlist_full", "活动名额已满，候补名单也已排满"


class ActivityFull(Conflict):
    code, default_message = "activity_full", "活动名额已满"


# --- incubation --------------------------------------------------------------------------------------


class OutOfScope(Forbidden):
    code, default_message = "out_of_scope", "只能处理本镇街的{what}"


class BaseNotFound(NotFoundError):
    code, default_message = "base_not_found", "孵化基地不存在"


class RecruitmentClosed(Conflict):
    code, default_message = "recruitment_closed", "该基地当前未开放招募"


class NotEligible(Unprocessable):
    code, default_message = "not_eligible", "暂不符合入驻条件：{reasons}"


class AdmissionExists(Conflict):
    code, default_message = "admission_exists", "该组织已有待审核或孵化中的入驻申请"


class AdmissionNotFound(NotFoundError):
    code, default_message = "admission_not_found", "入驻申请不存在"


class MilestonesOpen(Conflict):
    code, default_message = "milestones_open", "还有未完成的孵化里程碑"


class MilestoneNotFound(NotFoundError):
    code, default_message = "milestone_not_found", "里程碑不存在"


class MilestoneDone(Conflict):
    code, default_message = "milestone_done", "该里程碑已完成"


class BaseFull(Conflict):
    code, default_message = "base_full", "「{name}」名额已满（{quota} 个）"


# --- 公益创投 grants and expert review -------------------------------------------------------------------


class ExpertNotFound(NotFoundError):
    code, default_message = "expert_not_found", "专家不存在"


class NotExpert(Forbidden):
    code, default_message = "not_expert", "您不是受邀评审专家"


class AssignmentNotFound(NotFoundError):
    code, default_message = "assignment_not_found", "评审任务不存在"


class ApplicationNotFound(NotFoundError):
    code, default_message = "application_not_found", "申请不存在"


class AssignmentNotPending(Conflict):
    code, default_message = "assignment_not_pending", "该评审任务已确认或已回避"


class AssignmentClosed(Conflict):
    code, default_message = "assignment_closed", "已评分或已回避的任务不能再声明回避"


class AssignmentNotAccepted(Conflict):
    code, default_message = "assignment_not_accepted", "请先确认无利益冲突后再评分"


class AlreadyScored(Conflict):
    code, default_message = "already_scored", "已提交评分，不能修改"


class ExpertExists(Conflict):
    code, default_message = "expert_exists", "该用户已登记为专家"


class ExpertPoolExhausted(Conflict):
    code, default_message = "expert_pool_exhausted", "专家库中可用专家不足 {need} 位（已排除须回避的专家）"


class ExpertAlreadyAssigned(Conflict):
    code, default_message = "expert_already_assigned", "专家「{name}」已分配过该申请"


class ExpertConflict(Conflict):
    code, default_message = "expert_conflict", "专家「{name}」须回避，不能分配：{reason}"


class IllegalTransition(Conflict):
    code, default_message = "illegal_transition", "当前状态为「{status}」，不能{action}"


class DistrictStaffOnly(Forbidden):
    code, default_message = "district_staff_only", "仅区级工作人员可执行此操作"


class ProgramNotFound(NotFoundError):
    code, default_message = "program_not_found", "公益创投项目不存在"


class ProgramNotOpen(Conflict):
    code, default_message = "program_not_open", "该项目当前不在申报期内"


class ProgramClosed(Conflict):
    code, default_message = "program_closed", "申报已截止"


class InfoDeadlinePassed(Conflict):
    code, default_message = "info_deadline_passed", "补充材料期限（{info_deadline}）已过"


class AttachmentNotFound(NotFoundError):
    code, default_message = "attachment_not_found", "附件不存在"


class CharterFileNotFound(NotFoundError):
    code, default_message = "charter_file_not_found", "章程文件不存在"


class NotInNotice(Conflict):
    code, default_message = "not_in_notice", "当前状态为「{status}」，不在公示期"


class NoticeEnded(Conflict):
    code, default_message = "notice_ended", "公示期已于 {notice_end} 结束"


class ObjectionNotFound(NotFoundError):
    code, default_message = "objection_not_found", "异议不存在"


class ObjectionResolved(Conflict):
    code, default_message = "objection_resolved", "该异议已处理"


class NoticeNotFinished(Conflict):
    code, default_message = "notice_not_finished", "公示期至 {notice_end} 结束，结束后方可签订协议"


class ObjectionsOpen(Conflict):
    code, default_message = "objections_open", "还有未处理的公示异议"


class ObjectionUpheld(Conflict):
    code, default_message = "objection_upheld", "公示异议成立，不能签订协议，请撤销立项"


class MidtermNotAccepted(Conflict):
    code, default_message = "midterm_not_accepted", "中期报告通过后方可{action}"


class ReportNotFound(NotFoundError):
    code, default_message = "report_not_found", "报告不存在"


class ReportReviewed(Conflict):
    code, default_message = "report_reviewed", "该报告已审核"


class TranchesOutstanding(Conflict):
    code, default_message = "tranches_outstanding", "还有未拨付的资金"


class FinalReportMissing(Conflict):
    code, default_message = "final_report_missing", "结项报告尚未通过"


class ApplicationLimit(Conflict):
    code, default_message = "application_limit", "每个组织在本项目最多申报 {max_applications_per_org} 个"


class AllTranchesPaid(Conflict):
    code, default_message = "all_tranches_paid", "各期资金均已拨付"


class ReportExists(Conflict):
    code, default_message = "report_exists", "该报告已提交"


# --- notices and audiences ---------------------------------------------------------------------------


class GrantProgramNotFound(NotFoundError):
    code, default_message = "grant_program_not_found", "公益创投项目不存在"


class AudienceOutOfScope(Forbidden):
    code, default_message = "audience_out_of_scope", "镇街工作人员只能向本镇街的对象推送通知，全区推送需由区级工作人员发起"


class NoticeNotFound(NotFoundError):
    code, default_message = "notice_not_found", "通知不存在"


class ApprovalNotAllowed(Forbidden):
    code, default_message = "approval_not_allowed", "全区推送只能由区级工作人员审核"


class ApprovalNotNeeded(Conflict):
    code, default_message = "approval_not_needed", "本镇街范围的通知无需审核"


class SelfApproval(Forbidden):
    code, default_message = "self_approval", "不能审核自己起草的通知，请由另一位工作人员审核"


class NoticeCancelled(Conflict):
    code, default_message = "notice_cancelled", "通知已撤回，不能发送"


class ApprovalRequired(Conflict):
    code, default_message = "approval_required", "全区推送需另一位区级工作人员审核后才能发送"


class NoticeCompleted(Conflict):
    code, default_message = "notice_completed", "通知已全部发送完毕，不能撤回"


class DeliveryNotFound(NotFoundError):
    code, default_message = "delivery_not_found", "发送记录不存在"


class DeliveryNotInReview(Conflict):
    code, default_message = "delivery_not_in_review", "只有待核查的记录可以处理"


class InboxItemNotFound(NotFoundError):
    code, default_message = "inbox_item_not_found", "消息不存在"


class NoticeNotDraft(Conflict):
    code, default_message = "notice_not_draft", "通知当前状态不能审核"


# --- policy bot --------------------------------------------------------------------------------------


class KbDistrictOnly(Forbidden):
    code, default_message = "kb_district_only", "只有区级工作人员或管理员可以修改知识库"


class AnswerNotFound(NotFoundError):
    code, default_message = "answer_not_found", "回答不存在"


class NotYourAnswer(Forbidden):
    code, default_message = "not_your_answer", "只能评价自己收到的回答"


class DocumentTooLarge(PayloadTooBig):
    code, default_message = "document_too_large", "文件过大（上限 {limit_mib} MiB）"


class DocumentNotFound(NotFoundError):
    code, default_message = "document_not_found", "知识库中没有这个文件"


class BotUnavailable(ServiceUnavailable):
    code, default_message = "bot_unavailable", "政策问答服务暂时不可用：知识库无法加载，请联系管理员"


class DocumentExists(Conflict):
    code, default_message = "document_exists", "同名文件已存在；如需更新请使用替换"


class DocumentArchiveTooLarge(Unprocessable):
    code, default_message = "document_archive_too_large", "文件解压后超过 {limit_mib} MiB 上限，无法解析；请删除图片或拆分文件后重试"


class DocumentArchiveTooManyEntries(Unprocessable):
    code, default_message = "document_archive_too_many_entries", "文件内部包含的部件超过 {limit} 个上限，无法解析"


class DocumentTooComplex(Unprocessable):
    code, default_message = "document_too_complex", "文件解析超出限制（{seconds} 秒、{limit_mib} MiB 内存），请拆分或另存为纯文本后重试"


# --- WeChat callbacks --------------------------------------------------------------------------------


class WechatMessageTooLarge(PayloadTooBig):
    code, default_message = "wechat_message_too_large", "消息过大"


class WechatStaleTimestamp(Forbidden):
    code, default_message = "wechat_stale_timestamp", "请求时间戳无效或已超出 5 分钟窗口"


class WechatBadSignature(Forbidden):
    code, default_message = "wechat_bad_signature", "签名校验失败"


class WechatReplayedNonce(Forbidden):
    code, default_message = "wechat_replayed_nonce", "重复的请求（nonce 已使用）"


class WechatBadMessage(BadInput):
    code, default_message = "wechat_bad_message", "消息格式有误"


class WechatBadMsgSignature(Forbidden):
    code, default_message = "wechat_bad_msg_signature", "消息签名校验失败"


# --- annual reports and the zombie clean-up (policy item 12) ----------------------------------------


class ReportYearNotFound(NotFoundError):
    code, default_message = "report_year_not_found", "年报年度不存在"


class ReportYearExists(Conflict):
    code, default_message = "report_year_exists", "{year} 年度的年报已开启"


class AnnualReportNotFound(NotFoundError):
    code, default_message = "annual_report_not_found", "年度报告不存在"


class AnnualReportLocked(Conflict):
    code, default_message = "annual_report_locked", "年度报告{status}，不能{action}"


class AnnualReportIncomplete(Unprocessable):
    code, default_message = "annual_report_incomplete", "年度报告尚有未填写的部分：{sections}"


class SectionNotRequired(Unprocessable):
    code, default_message = "section_not_required", "本报告不包含“{section}”部分"


class ZombieEntryNotFound(NotFoundError):
    code, default_message = "zombie_entry_not_found", "清理清单中没有该组织"


class ZombieEntryState(Conflict):
    code, default_message = "zombie_entry_state", "该清单条目{status}，不能{action}"


class CleanupCaseNotFound(NotFoundError):
    code, default_message = "cleanup_case_not_found", "清理案件不存在"


class CleanupCaseClosed(Conflict):
    code, default_message = "cleanup_case_closed", "该清理案件已结案"


class ZombieSweepNotFound(NotFoundError):
    code, default_message = "zombie_sweep_not_found", "筛查任务不存在"


# --- credit lists and random inspections (policy items 10–12) -----------------------------------------

class CreditEntryNotFound(NotFoundError):
    code, default_message = "credit_entry_not_found", "信用名录记录不存在"


class CreditEntryState(Conflict):
    code, default_message = "credit_entry_state", "该记录当前为「{status}」，不能{action}"


class CreditAnswerPeriodOpen(Conflict):
    code, default_message = "credit_answer_period_open", "陈述申辩期至 {answer_due} 届满，届满前（或组织已陈述后）方可决定列入"


class CreditAnswerClosed(Conflict):
    code, default_message = "credit_answer_closed", "陈述申辩期已于 {answer_due} 届满"


class CreditEntryExists(Conflict):
    code, default_message = "credit_entry_exists", "该组织已有同一事由的拟列入或在列记录"


class OrgCreditListed(Conflict):
    code, default_message = "org_credit_listed", "组织被列入{list_label}，不能{action}"


class InspectionPlanNotFound(NotFoundError):
    code, default_message = "inspection_plan_not_found", "抽查计划不存在"


class InspectionResultNotFound(NotFoundError):
    code, default_message = "inspection_result_not_found", "抽查结果不存在"


class InspectorNotFound(NotFoundError):
    code, default_message = "inspector_not_found", "检查人员不存在"


class InspectionAlreadyDrawn(Conflict):
    code, default_message = "inspection_already_drawn", "该计划已完成抽取；重新抽取须说明理由"


class InspectionNotDrawn(Conflict):
    code, default_message = "inspection_not_drawn", "该计划尚未抽取"


class InspectionStarted(Conflict):
    code, default_message = "inspection_started", "已有检查结果，不能重新抽取"


class InspectorsInsufficient(Conflict):
    code, default_message = "inspectors_insufficient", "无利益冲突的检查人员不足 {needed} 名（组织：{org}）"


class NoInspectionCandidates(Conflict):
    code, default_message = "no_inspection_candidates", "没有符合条件的抽查对象"


class InspectionResultState(Conflict):
    code, default_message = "inspection_result_state", "该抽查结果当前为「{status}」，不能{action}"


class OrgAlreadyDeregistered(Conflict):
    code, default_message = "org_already_deregistered", "该组织已注销或撤销登记"


# Chinese messages for pydantic's error types; anything unlisted falls back to a generic line.
_PYDANTIC_MESSAGES = {
    "missing": "必填",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为布尔值",
    "bool_parsing": "应为布尔值",
    "greater_than": "必须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "取值无效，可选：{expected}",
    "enum": "取值无效，可选：{expected}",
    "string_pattern_mismatch": "格式不正确",
    "datetime_type": "应为日期时间",
    "datetime_parsing": "日期时间格式不正确",
    "datetime_from_date_parsing": "日期时间格式不正确",
    "date_type": "应为日期",
    "date_parsing": "日期格式不正确",
    "date_from_datetime_parsing": "日期格式不正确",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "extra_forbidden": "不允许的字段",
    "json_invalid": "JSON 格式不正确",
    "uuid_parsing": "格式不正确",
}


# What pydantic adds to an error's location when a value fails one member of a union (`int`, `none`,
# `str-enum[OrgStatus]`, `literal['x']`, `function-after[...]`): a type, never a field the person filled.
_UNION_TAGS = frozenset({"int", "str", "float", "bool", "none", "list", "dict", "date", "datetime", "decimal",
                         "uuid", "bytes", "set", "tuple"})
_CHOICE_TYPES = ("literal_error", "enum")


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query")
             and not (isinstance(p, str) and ("[" in p or "-" in p or p in _UNION_TAGS))]
    return ".".join(parts)


def _choices(expected: str) -> list[str]:
    """pydantic's `'a', 'b' or 'c'` as ["a", "b", "c"]."""
    quoted = re.findall(r"'([^']*)'", expected)
    return quoted or [c.strip() for c in re.split(r",| or ", expected) if c.strip()]


def _message(err: Any) -> str:
    ctx = err.get("ctx") or {}
    if err["type"] in ("value_error", "assertion_error"):
        return str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
    if err["type"] in _CHOICE_TYPES:
        return "取值无效，可选：" + "、".join(_choices(str(ctx.get("expected", ""))))
    kind = err["type"]
    if kind in ("too_short", "too_long") and isinstance(err.get("input"), str):
        kind = "string_" + kind  # a length limit on text behind a validator: characters, not items
    template = _PYDANTIC_MESSAGES.get(kind)
    if not template:
        return "取值无效"
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def validation_details(exc: PydanticValidationError) -> list[dict[str, str]]:
    """Turn pydantic errors into `[{"field", "message"}]` with Chinese messages: one entry per field (a
    union's members fold into one list of choices), the field a path such as `budget_lines.2.category`."""
    by_field: dict[str, list[Any]] = {}
    for err in exc.errors(include_url=False):
        by_field.setdefault(_field_path(tuple(err.get("loc", ()))), []).append(err)
    fields = []
    for path, errs in by_field.items():
        if len(errs) > 1:  # `X | None` given a bad value: "should be null" says nothing useful
            errs = [e for e in errs if e["type"] != "none_required"] or errs
        choices = [c for e in errs if e["type"] in _CHOICE_TYPES
                   for c in _choices(str((e.get("ctx") or {}).get("expected", "")))]
        if choices and all(e["type"] in _CHOICE_TYPES for e in errs):
            message = "取值无效，可选：" + "、".join(dict.fromkeys(choices))
        else:
            message = _message(errs[0])
        fields.append({"field": path or "body", "message": message})
    return fields


def _line(field: dict[str, str]) -> str:
    """One problem as a person reads it: 标题：不能为空 (a whole-body problem needs no field name)."""
    return field["message"] if field["field"] == "body" else f"{field_labels.label(field['field'])}：{field['message']}"


def from_validation_error(exc: PydanticValidationError) -> Unprocessable:
    return fields_error(validation_details(exc))


def fields_error(fields: list[dict[str, str]]) -> Unprocessable:
    """A 422 listing several `{"field", "message"}` problems, the message naming each field in Chinese."""
    summary = "；".join(_line(f) for f in fields[:5])
    return Unprocessable(f"提交的内容有误：{summary}", details={"fields": fields})


def error_classes() -> list[type[DomainError]]:
    """Every error class with a code of its own (subclasses that only inherit a code are skipped)."""
    found: list[type[DomainError]] = []
    stack: list[type[DomainError]] = list(DomainError.__subclasses__())
    while stack:
        cls = stack.pop()
        if "code" in cls.__dict__ and cls.__module__.startswith("backend."):  # not test doubles
            found.append(cls)
        stack.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: (c.status, c.code))


def error_code_table() -> str:
    """The Markdown table of every error code the README publishes for the mini-program team."""
    rows = ["| code | HTTP | message |", "|---|---|---|"]
    rows += [f"| `{c.code}` | {c.status} | {c.default_message} |" for c in error_classes()]
    return "\n".join(rows)
