"""Ingestion of the OCR-damaged district policy and of .md/.docx/.pdf documents."""

from __future__ import annotations

import io

import docx

from bot import KnowledgeBase
from bot.ingest import parse_document, read_text
from tests.bot.pdfgen import make_pdf


def test_district_policy_metadata(kb: KnowledgeBase) -> None:
    meta = next(d for d in kb.documents if d.id.startswith("xuecheng")).meta
    assert meta.title == "关于加强党建引领促进社会组织高质量发展的指导意见"
    assert meta.doc_number == "薛民字〔2020〕31号"
    assert meta.issue_date == "2020年12月7日"
    assert meta.printed_by == "薛城区民政局"
    assert meta.printed_date == "2020年12月7日"
    assert len(meta.issuers) == 13
    assert meta.issuers[0] == "中共薛城区委组织部"
    # OCR split "薛城公安 局薛城分局"; layout spaces between Chinese characters are removed.
    assert "薛城公安局薛城分局" in meta.issuers
    assert meta.copy_to == "社会组织各业务主管单位"


def test_district_policy_items(kb: KnowledgeBase) -> None:
    units = [u for u in kb.units if u.kind == "item" and u.doc_id.startswith("xuecheng")]
    assert [u.number for u in units] == list(range(1, 13))
    by_number = {u.number: u for u in units}
    assert by_number[2].heading == "推进党的组织和工作有效覆盖"
    assert by_number[2].section == "一、加强社会组织党的建设，确保正确发展方向"
    assert by_number[12].section == "四、强化社会组织综合监管，防范化解各类风险"
    # 责任单位 on the same line and on its own paragraph (items 4 and 9) are both kept.
    assert by_number[1].responsible == "区委组织部、区民政局、各业务主管单位、各行业党委、各镇街"
    assert by_number[4].responsible == "区民政局、区行政审批服务局、区直有关部门"
    assert by_number[9].responsible == "区民政局、区委政法委、各镇街"
    # The last item stops before the signatures.
    assert "中共薛城区委组织部" not in by_number[12].text
    assert by_number[12].text.endswith("（责任单位：区民政局、各业务主管单位）")


def test_ocr_damage_is_repaired(kb: KnowledgeBase) -> None:
    everything = "\n".join(u.text for u in kb.units)
    # The vertical header of signatories read row by row is dropped.
    assert "薛薛薛" not in everything and "局局局" not in everything
    by_number = {u.number: u for u in kb.units if u.kind == "item"}
    # Sentences broken across lines and pages are rejoined.
    assert "无正式党员的社会组织，由承担其党建工作管理职责" in by_number[2].text
    assert "公益慈善类、城乡社区服务类" in by_number[4].text
    assert "学习推广新时代“枫桥经验”" in by_number[9].text
    assert "向社会组织渗透" in by_number[11].text
    assert "指定1个党建工作基础好的社会组织" in by_number[2].text


def test_markdown_with_parenthesised_items() -> None:
    text = (
        "# 关于做好社区养老服务的通知\n\n"
        "## 一、总体要求\n\n"
        "（一）坚持普惠。面向全体老年人提供\n服务。\n\n"
        "（二）坚持就近。服务设施布局到社区。（责任单位：区民政局）\n\n"
        "## 二、保障措施\n\n"
        "（三）加强资金保障。区财政安排专项资金。\n"
    )
    document = parse_document(doc_id="care", text=read_text(data=text.encode(), suffix=".md"))
    items = [u for u in document.units if u.kind == "item"]
    assert document.meta.title == "关于做好社区养老服务的通知"
    assert [u.number for u in items] == [1, 2, 3]
    assert items[0].text == "（一）坚持普惠。面向全体老年人提供服务。"
    assert items[1].responsible == "区民政局"
    assert items[2].section == "二、保障措施"


def test_docx_ingestion() -> None:
    source = docx.Document()
    for line in [
        "薛城区社区议事规则",
        "第一章 总则",
        "第一条 为规范社区议事，制定本规则。",
        "第二条 议事会每季度召开一次。",
    ]:
        source.add_paragraph(line)
    buffer = io.BytesIO()
    source.save(buffer)
    document = parse_document(doc_id="rules", text=read_text(data=buffer.getvalue(), suffix=".docx"))
    articles = [u for u in document.units if u.kind == "article"]
    assert document.meta.title == "薛城区社区议事规则"
    assert [u.number for u in articles] == [1, 2]
    assert articles[1].section == "第一章总则"


def test_pdf_ingestion_rejoins_page_breaks() -> None:
    # A hand-made PDF with a ToUnicode map: exercises pypdf extraction of Chinese and the
    # page-break repair, not font rendering (see tests/bot/pdfgen.py).
    pdf = make_pdf(
        [
            ["关于规范社区议事的通知", "1.居民议事会每季度", "召开一次会议。"],
            ["2.议事结果应当在社区公开栏", "公示。"],
        ]
    )
    document = parse_document(doc_id="pdf", text=read_text(data=pdf, suffix=".pdf"))
    items = [u for u in document.units if u.kind == "item"]
    assert document.meta.title == "关于规范社区议事的通知"
    assert [u.text for u in items] == ["1.居民议事会每季度召开一次会议。", "2.议事结果应当在社区公开栏公示。"]


def test_decimal_numbers_do_not_open_items() -> None:
    text = "关于资金的通知\n1.专项资金规模为\n2.5万元。\n2.按季度拨付。\n"
    items = [u for u in parse_document(doc_id="d", text=text).units if u.kind == "item"]
    assert [u.number for u in items] == [1, 2]
    assert items[0].text == "1.专项资金规模为2.5万元。"
