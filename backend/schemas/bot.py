"""What the policy bot's routes return (mini-program questions, staff knowledge-base tools)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from backend.schemas import Day, Page, ReadModel


class CitationRead(ReadModel):
    doc: str = Field(description="文件名")
    number: int | None = Field(description="文件内的项/条序号；文件信息类为 null")
    heading: str = Field(description="所在章节或标题")
    quote: str = Field(description="引用的原文（逐字摘自该条）")
    score: float = Field(description="相关度得分")


class AnswerCore(ReadModel):
    answered: bool = Field(description="false 表示文件中没有依据，answer 为固定的拒答与咨询方式")
    answer: str = Field(description="回答正文", examples=["根据《关于加强社会组织党建工作的意见》第二项……"])
    citations: list[CitationRead]


class AnswerRead(AnswerCore):
    session_id: str = Field(description="会话 id；追问时带上")
    answer_id: str = Field(description="对本回答点赞/点踩时使用")


class FeedbackRead(ReadModel):
    answer_id: str
    vote: Literal["up", "down"]
    comment: str


class EmbeddingStatus(ReadModel):
    model_config = ReadModel.model_config | {"extra": "allow"}
    state: str = Field(description="off 未配置 / ready 可用 / building 建立中 / down 不可用等")


class RetrievalStatus(ReadModel):
    kb_version: str | None = Field(description="知识库版本")
    index: str | None = Field(description="索引来源（built 新建 / cache 缓存）")
    retrieval: Literal["lexical", "hybrid"] = Field(description="lexical 仅关键词检索；hybrid 关键词与向量融合")
    embedding: EmbeddingStatus


class HitRead(ReadModel):
    unit_id: str
    doc: str
    number: int | None
    heading: str
    score: float
    coverage: float = Field(description="问题关键词被该条覆盖的比例")
    kind: str
    confidence: float = Field(description="以该条作答的把握（与提问时的判断相同）")
    answerable: bool = Field(description="该条排第一时机器人是否会据此作答")


class HitTestRead(ReadModel):
    kb_version: str
    hits: list[HitRead]
    answer: AnswerCore = Field(description="机器人对该问题的实际回答")
    retrieval: RetrievalStatus


class QuestionGroupRead(ReadModel):
    question: str = Field(description="该组中的一个原始问题")
    question_key: str = Field(description="归并用的规范化问题")
    count: int = Field(ge=1)
    last_at: str | None = Field(description="最近一次的时间")
    comments: list[str] | None = Field(None, description="最近的点踩意见（仅点踩列表）")


class QuestionReport(Page[QuestionGroupRead]):
    pass


class DocumentRead(ReadModel):
    name: str = Field(description="文件名")
    status: Literal["in_force", "scheduled", "retired"] = Field(
        description="in_force 生效 / scheduled 待生效 / retired 已停用")
    active: bool
    effective_from: Day | None
    retired_at: Day | None
    title: str | None
    doc_number: str | None = Field(description="文号")
    units: int | None = Field(description="条款数")
    size: int = Field(description="文件大小（字节）")


class DocumentList(Page[DocumentRead]):
    """One page of the knowledge folder, with the index's version and retrieval mode."""

    kb_version: str
    retrieval: RetrievalStatus


class DocumentEntry(DocumentRead):
    kb_version: str = Field(description="重建后的知识库版本")
