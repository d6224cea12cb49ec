"""Chinese names of request fields, for every message a person reads about their input.

A validation error names the field the way the form does (标题, 开始时间), never as the JSON key or
the type pydantic checked it against. The table covers every field of every request body and query
string (tests/test_field_labels.py walks the OpenAPI document to keep it complete); a nested path
such as `budget_lines[2].category` reads 预算明细第 3 项的类别.
"""

from __future__ import annotations

import re

FIELD_LABELS: dict[str, str] = {
    "accept": "审核结论", "accepted": "是否通过", "action": "操作", "active": "是否启用",
    "activities_held": "党建活动次数", "activity_id": "活动", "actor_id": "操作人", "actor_name": "操作人姓名",
    "address": "地址",
    "adopted_on": "会费标准通过日期", "affiliation": "工作单位", "after": "变更后", "agreement_no": "协议编号",
    "amount": "金额", "approve": "是否立项", "approved_amount": "资助金额", "annual_report_due": "年报应报送日期",
    "attempted_on": "联系日期", "audience": "发送对象",
    "awards": "评比达标表彰", "base_id": "孵化基地", "before": "变更前", "beneficiaries": "受益对象",
    "body": "正文", "budget_lines": "预算明细", "capacity": "名额", "category": "类别", "changed_on": "核准日期",
    "changes": "变更事项", "channels": "发送渠道", "charter_file_id": "章程文件", "charter_text": "章程全文",
    "checkin_radius_m": "签到范围", "closes_at": "截止时间", "code": "代码", "comment": "意见",
    "commitment": "真实性承诺", "community_id": "社区/村", "confirm": "确认", "consent_version": "同意的协议版本",
    "contact_name": "联系人", "contact_phone": "联系电话", "content": "内容", "council_members": "理事会成员",
    "council_term_end": "理事会任期届满日期", "count": "次数", "coverage_form": "党建覆盖方式",
    "credit_code": "统一社会信用代码", "credit_list": "信用名录", "credit_status": "信用状态", "cursor": "翻页位置",
    "data": "模板字段", "date_from": "开始日期", "date_to": "截止日期", "decision": "审核决定",
    "description": "介绍", "donations_received": "接受捐赠", "donor": "捐赠方", "due_date": "计划完成日期",
    "effective_from": "生效日期", "effective_on": "生效日期", "ends_at": "结束时间", "errMsg": "返回信息",
    "evidence": "证据", "expense_total": "支出合计", "expenses": "支出", "expert_id": "评审专家",
    "expert_ids": "评审专家", "expertise": "专业领域", "experts_per_application": "每个申请的评审专家数",
    "explanation": "测算说明", "fee_charged": "收取的费用", "fee_findings": "会费检查发现", "file": "文件",
    "fill_from_pool": "从专家库补足", "filters": "筛选条件", "findings": "检查情况", "focus_area": "资助领域",
    "focus_areas": "资助领域", "forbidden_categories": "不予资助的支出类别", "formal_members": "正式党员人数",
    "full_time_staff": "专职工作人员数", "funding_given": "对外资助", "ground": "列入事由", "held_on": "换届日期",
    "include": "是否列入", "income": "收入", "income_total": "收入合计", "info_deadline": "补充材料期限",
    "inspected_on": "检查日期", "inspectors_per_check": "每个组织的检查人员数", "instructor": "党建工作指导员",
    "instructor_name": "党建工作指导员姓名", "item": "事项", "items": "检查事项", "joint_branch": "联合党支部",
    "k": "候选条数", "key": "评分项标识", "kind": "类型", "lat": "纬度", "leaders": "负责人",
    "legal_form": "组织形式", "legal_representative": "法定代表人", "level": "档次", "levels": "会费档次",
    "limit": "每页条数", "line": "预算行", "lng": "经度", "materials": "材料清单",
    "max_applications_per_org": "每个组织可申报数", "member_count": "会员数", "method": "联系方式",
    "milestones": "孵化里程碑", "minutes": "服务时长", "name": "名称", "net_assets_end": "年末净资产",
    "new_due": "新的整改期限", "new_password": "新密码", "note": "说明", "notes": "考察记录",
    "notice_working_days": "公示期", "object_id": "对象", "object_type": "对象类型", "objectives": "项目目标",
    "old_password": "原密码", "openid": "微信用户标识", "opens_at": "开始时间", "org_id": "社会组织",
    "org_ids": "社会组织", "org_links": "关联的社会组织", "outcome": "结果",
    "override_charter_flag": "“仍予核准”勾选项", "own_party_org": "是否已单独成立党组织", "page": "页码",
    "page_size": "每页条数", "paid_on": "拨付日期", "parent_id": "所属镇街", "part_time_staff": "兼职工作人员数",
    "participants": "参与人次", "party_member_count": "正式党员人数", "passed": "初审结论", "password": "密码",
    "per_project_cap": "单个项目资助上限", "period_end": "孵化期结束日期", "phone": "手机号",
    "planned_on": "计划检查日期", "position": "职务", "problem_items": "发现问题的检查事项", "problems": "是否发现问题",
    "program_id": "公益创投项目", "project_name": "项目名称", "publish": "是否发布", "purpose": "用途",
    "q": "关键词", "question": "问题", "quota": "名额", "radius_km": "搜索半径", "ratio": "抽查比例",
    "real_name": "姓名", "reason": "理由", "reasons": "修改意见", "recipient": "资助对象",
    "rectification_due": "整改期限",
    "region_id": "所属区划", "registered_before": "登记日期早于", "remove": "是否移出", "report": "整改情况报告",
    "required_attachments": "必需附件", "required_sections": "须填报的部分", "resolution": "核查结论",
    "result": "订阅结果", "results": "订阅结果", "retired_at": "停止生效日期", "role": "角色", "rubric": "评分细则",
    "scheduled_at": "定时发送时间", "scope_region_id": "管辖镇街", "scores": "评分", "sensitive_area": "领域",
    "sensitive_areas": "涉及领域", "served_group": "服务对象", "served_groups": "服务对象",
    "service_hours": "服务时长", "session_id": "会话", "signed_on": "签订日期", "signer_name": "信用承诺签署人",
    "signup_deadline": "报名截止时间", "since": "起始时间", "sort": "排序方式", "source": "来源",
    "spending": "支出", "spent": "实际支出", "stage": "审核阶段", "starts_at": "开始时间", "state": "开放状态",
    "statement": "说明",
    "status": "状态", "summary": "情况", "supervisor_unit": "业务主管单位", "support_types": "扶持类型",
    "target_group": "服务对象", "target_groups": "服务对象", "template_id": "消息模板", "term_end": "任期届满日期",
    "tier": "层级", "timeline": "实施进度", "title": "标题", "to_user_id": "接任负责人", "total_budget": "总预算",
    "town_id": "镇街", "tranches": "分期拨付比例", "unread_only": "只看未读", "until": "截止时间",
    "upheld": "异议是否成立", "user_id": "用户", "username": "用户名", "visited_on": "考察日期",
    "volunteers": "志愿者人数", "vote": "评价", "waitlist_limit": "候补上限", "voucher_no": "凭证号", "weight": "权重",
    "window_closes": "报送截止日期", "window_opens": "报送开始日期", "year": "年度",
    # annual-report sections (backend.services.annual_report_sections), which prefix their fields' paths
    "basic": "基本信息", "activities": "开展活动情况", "people": "人员情况", "finances": "财务情况",
    "donations": "捐赠与资助", "member_fees": "会费标准", "party": "党建工作",
}

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def label(path: str) -> str:
    """`title` → 标题; `budget_lines[2].category` or `budget_lines.2.category` → 预算明细第 3 项的类别.

    A key the table does not know (a template keyword such as `thing1`, a section name) stays as it is:
    it is what the person typed or chose, not an internal name.
    """
    out = ""
    for name, index in _PART.findall(path):
        if index or name.isdigit():
            out += f"第 {int(index or name) + 1} 项"
            continue
        text = FIELD_LABELS.get(name)
        if text is None:
            out = f"{out}“{name}”" if out else name
        else:
            out = f"{out}的{text}" if out else text
    return out or "提交的内容"
