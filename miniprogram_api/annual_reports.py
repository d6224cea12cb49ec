"""Annual reports on the phone: the leader fills in the report section by section and submits it with
the credit commitment; anyone reads accepted reports (the public part only)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import AfterValidator, BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow, public
from backend.body_limits import mark_body_kind
from backend.contract import returns
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.annual_reports import AnnualReportRead, PublicReportPage, PublicReportRead, ReportSummaryRead
from backend.services import annual_report_sections as sections
from backend.services import annual_reports
from backend.services.actor import Actor
from backend.validation import accepts_no_fields, json_body, not_blank, parse_json, query_args

bp = Blueprint("mp_annual_reports", url_prefix="/api/mp/v1/annual-reports")
H = TypeVar("H", bound=Callable[..., Awaitable[Any]])


def section_body(key: sections.SectionKey) -> Callable[[H], H]:
    """Validate the body as this section; failures name the field as the form shows it
    (`finances.income[2].amount`)."""

    optional = accepts_no_fields(sections.MODELS[key])

    def decorator(handler: H) -> H:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> Any:
            kwargs["body"] = sections.parse(key, parse_json(request, optional=optional))
            return await handler(request, *args, **kwargs)

        mark_body_kind(wrapper, "json")  # bounds the body and requires a JSON content type (body_limits)
        setattr(wrapper, "__body_model__", sections.MODELS[key])  # noqa: B010  (read by backend.contract)
        setattr(wrapper, "__body_optional__", optional)  # noqa: B010  (read by backend.contract)
        return cast(H, wrapper)

    return decorator


class SubmitBody(BaseModel):
    signer_name: Annotated[str, AfterValidator(not_blank)] = Field(
        min_length=1, max_length=32, description="信用承诺签署人（负责人姓名）")
    commitment: Literal[True] = Field(description="本组织承诺所填报内容真实、准确、完整，须为 true")


class PublicQuery(BaseModel):
    year: int | None = Field(None, ge=2000, le=2100, description="报告年度")
    q: str | None = Field(None, max_length=64, description="组织名称关键词")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


async def _report(report: Any) -> HTTPResponse:
    return respond(AnnualReportRead.model_validate(await annual_reports.report_view(report, staff=False)))


@bp.get("/mine")
@openapi.summary("我负责的组织的年度报告")
@returns(Items[ReportSummaryRead])
@allow(Role.leader)
async def my_reports(request: Request, actor: Actor) -> HTTPResponse:
    rows = await annual_reports.leader_reports(actor=actor)
    return respond(Items[ReportSummaryRead](items=[
        ReportSummaryRead.model_validate(await annual_reports.summary_view(r)) for r in rows]))


@bp.get("/<report_id:int>")
@openapi.summary("年度报告（未保存的部分显示系统预填内容，系统数据并列显示）")
@returns(AnnualReportRead)
@allow(Role.leader)
async def get_report(request: Request, report_id: int, actor: Actor) -> HTTPResponse:
    return await _report(await annual_reports.report_for_leader(actor=actor, report_id=report_id))


def _section_route(key: sections.SectionKey) -> None:
    async def save(request: Request, report_id: int, body: sections.Section, actor: Actor) -> HTTPResponse:
        report = await annual_reports.save_section(actor=actor, report_id=report_id, section=key, parsed=body)
        return await _report(report)

    save.__name__ = f"save_{key.value}"
    save.__qualname__ = save.__name__
    handler = section_body(key)(save)
    handler = allow(Role.leader)(handler)
    handler = returns(AnnualReportRead)(handler)
    handler = openapi.summary(f"保存“{sections.SECTION_LABELS[key]}”（草稿，单独校验）")(handler)
    bp.add_route(handler, f"/<report_id:int>/sections/{key.value}", methods=["PUT"], name=f"save_{key.value}")


for _key in sections.SectionKey:
    _section_route(_key)


@bp.post("/<report_id:int>/submit")
@openapi.summary("提交年度报告（签署信用承诺；截止后提交标记为逾期报送）")
@returns(AnnualReportRead)
@allow(Role.leader)
@json_body(SubmitBody)
async def submit(request: Request, report_id: int, body: SubmitBody, actor: Actor) -> HTTPResponse:
    return await _report(await annual_reports.submit(actor=actor, report_id=report_id, signer_name=body.signer_name))


@bp.get("/public")
@openapi.summary("已公开的年度报告（公开部分）")
@returns(PublicReportPage)
@public
@query_args(PublicQuery)
async def public_list(request: Request, query: PublicQuery) -> HTTPResponse:
    rows, total = await annual_reports.public_reports(year=query.year, q=query.q, page=query.page,
                                                      page_size=query.page_size)
    items = [PublicReportRead.model_validate(await annual_reports.public_view(r)) for r in rows]
    return respond(PublicReportPage(items=items, total=total, page=query.page, page_size=query.page_size))


@bp.get("/public/<report_id:int>")
@openapi.summary("已公开的年度报告详情（不含电话及法定代表人以外的人员姓名）")
@returns(PublicReportRead)
@public
async def public_detail(request: Request, report_id: int) -> HTTPResponse:
    report = await annual_reports.public_report(report_id=report_id)
    return respond(PublicReportRead.model_validate(await annual_reports.public_view(report)))
