"""The policy bot as the backend uses it: sessions, personal facts, logs, feedback, knowledge files.

The engine itself lives in bot/ and knows nothing of users or Redis. Every worker holds an
`EngineHolder` over the same knowledge folder; the index is versioned by a content hash and built once
per version into an on-disk cache the workers share (see backend/botwire.py). A change on disk is
picked up by each worker's cheap fingerprint check (at most every `check_interval` seconds) without
a restart; the worker that made the change rebuilds at once. Engine work always runs in a thread:
`ask` is fast, but the first call after a change may rebuild the index, which must never block the
event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from redis.asyncio import Redis
from tortoise import connections
from tortoise.functions import Count, Max
from tortoise.transactions import in_transaction

from backend import ratelimit
from backend.errors import (
    AnswerNotFound,
    BotUnavailable,
    DocumentArchiveTooLarge,
    DocumentArchiveTooManyEntries,
    DocumentExists,
    DocumentNotFound,
    DocumentTooComplex,
    DocumentTooLarge,
    NotYourAnswer,
    field_error,
)
from backend.models.bot import BotChannel, BotFeedback, BotQuestionLog, Vote
from backend.models.organization import MemberRole, OrgMember, OrgStatus
from backend.services import audit, clock, party_building
from backend.services.actor import Actor
from backend.services.sql import on_postgres
from backend.services.text import unsafe_in_line
from bot import (
    Answer,
    BotSettings,
    Engine,
    EngineHolder,
    OrgFacts,
    Topic,
    add_document,
    list_documents,
    retire_document,
    seed_folder,
)
from bot.uploads import (
    ArchiveTooLarge,
    ArchiveTooManyEntries,
    ParseLimitExceeded,
    ParseLimits,
    UnparsableDocument,
    parse_upload,
)

SESSION_PREFIX = "bot:session:"
RATE_WINDOW_SECONDS = 60
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
MAX_FILENAME_LENGTH = 120
# What parsing one upload may cost (bot/uploads.py): inflated size and members of a .docx, then the
# child process's wall time and address space.
UPLOAD_LIMITS = ParseLimits()
_KEY_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def bot_settings_from(settings: Any) -> BotSettings:
    """The engine's knobs from the service settings (LLM rephrasing stays off unless a URL is set)."""
    return BotSettings(
        contact=settings.bot_contact,
        llm_base_url=settings.bot_llm_base_url or None,
        llm_api_key=settings.bot_llm_api_key.get_secret_value() or None,
        llm_model=settings.bot_llm_model,
        embedding_url=settings.bot_embedding_url or None,
        embedding_model=settings.bot_embedding_model,
        embedding_api_key=settings.bot_embedding_api_key.get_secret_value() or None,
        embedding_timeout=settings.bot_embedding_timeout_seconds,
        dense_weight=settings.bot_embedding_weight,
    )


async def prepare_folder(kb_dir: Path, *, shipped_dir: Path) -> list[str]:
    """The writable knowledge folder, created and given the shipped documents it lacks (in a thread)."""
    return await asyncio.to_thread(seed_folder, kb_dir, shipped_dir)


def make_holder(kb_dir: Path, *, settings: Any, cache_dir: Path | None = None) -> EngineHolder:
    """A holder over a knowledge folder (index cached in `cache_dir`); build it with `await build(holder)`.

    Unit vectors (when an embedding endpoint is set) are computed in a background thread: until they
    are ready, or while the endpoint is down, questions are answered lexically and `status` says so.
    """
    return EngineHolder(kb_dir, settings=bot_settings_from(settings), cache_dir=cache_dir, dense_in_background=True)


def status(holder: EngineHolder) -> dict[str, Any]:
    """Knowledge version, index source and retrieval mode ("hybrid", or "lexical" with the reason)."""
    return holder.status()


async def build(holder: EngineHolder) -> None:
    """(Re)build the index in a thread, so the event loop keeps serving meanwhile."""
    await asyncio.to_thread(holder.reload_if_changed, force=True)


async def current_engine(holder: EngineHolder) -> Engine:
    """The engine for the current knowledge version; a due check or rebuild happens in a thread."""
    engine = holder.fresh_engine()
    if engine is not None:
        return engine
    try:
        return await asyncio.to_thread(lambda: holder.engine)
    except (OSError, ValueError) as exc:
        raise BotUnavailable(details={'reason': type(exc).__name__}) from None


def question_key(question: str) -> str:
    """Fold width, case, spaces and punctuation so repeats of one question group together."""
    folded = unicodedata.normalize("NFKC", question).lower()
    return _KEY_DROP.sub("", folded)[:255] or "（空）"


# --- asking ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Asked:
    """An answer plus the id its feedback is posted to."""

    answer: Answer
    answer_id: str

    def to_dict(self) -> dict[str, Any]:
        """The documented answer shape plus `answer_id`."""
        return {**self.answer.to_dict(), "answer_id": self.answer_id}


async def leader_org_facts(*, user_id: int) -> OrgFacts | None:
    """Facts about the organization this user leads (confirmed), for personal answers."""
    membership = await (
        OrgMember.filter(user_id=user_id, role=MemberRole.leader, confirmed=True)
        .exclude(org__status__in=(OrgStatus.rejected, OrgStatus.deregistered))
        .order_by("id").select_related("org").first()
    )
    if membership is None:
        return None
    org = membership.org
    return org_facts(name=org.name, party_member_count=org.party_member_count, coverage_form=str(org.coverage_form),
                     has_supervisor_unit=bool(org.supervisor_unit), category=str(org.category))


def org_facts(*, name: str, party_member_count: int, coverage_form: str, has_supervisor_unit: bool,
              category: str = "") -> OrgFacts:
    """The facts the bot answers a leader's personal question from, with item 2 applied by the backend."""
    return OrgFacts(name=name, party_member_count=party_member_count, coverage_form=coverage_form,
                    has_supervisor_unit=has_supervisor_unit, category=category,
                    required_form=str(party_building.required_form(party_member_count)),
                    covered=party_building.is_covered(party_member_count, coverage_form))


async def _claim_session(redis: Redis, *, session_id: str | None, owner: str) -> tuple[str, Topic | None]:
    """Continue the asker's own session, or start a fresh one (another person's id is never reused)."""
    if session_id:
        raw = await redis.hgetall(SESSION_PREFIX + session_id)  # type: ignore[misc]
        if not raw:
            return session_id, None
        if raw.get("owner") == owner:
            return session_id, Topic.from_json(raw.get("topic"))
    return uuid.uuid4().hex, None


async def _save_session(redis: Redis, *, session_id: str, owner: str, topic: Topic | None, ttl: int) -> None:
    key = SESSION_PREFIX + session_id
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(key)
        pipe.hset(key, mapping={"owner": owner, "topic": topic.to_json() if topic else ""})
        pipe.expire(key, ttl)
        await pipe.execute()


# Every question writes one log row; on PostgreSQL it is one hand-written INSERT (the ORM's
# Model.create costs more CPU than the statement), elsewhere the ORM's.
_LOG_COLUMNS = ("id", "question", "question_key", "answered", "answer", "refusal_reason", "top_doc", "top_number",
                "citation_count", "user_id", "wechat_openid", "channel", "session_id", "kb_version", "personal",
                "created_at")
_LOG_SQL = (f"INSERT INTO bot_question_log ({', '.join(_LOG_COLUMNS)}) "  # noqa: S608  (constant column names)
            f"VALUES ({', '.join(f'${i}' for i in range(1, len(_LOG_COLUMNS) + 1))})")


async def _log(*, answer: Answer, question: str, engine: Engine, channel: BotChannel, user_id: int | None,
               openid: str | None, personal: bool) -> str:
    """Log the question and its answer; returns the log row's id (the answer_id clients vote on)."""
    top = answer.citations[0] if answer.citations else None
    values: dict[str, Any] = dict(
        question=question, question_key=question_key(question), answered=answer.answered,
        answer=answer.answer, refusal_reason=answer.refusal_reason,
        top_doc=top.doc[:255] if top else None, top_number=top.number if top else None,
        citation_count=len(answer.citations), user_id=user_id, wechat_openid=openid, channel=channel,
        session_id=answer.session_id, kb_version=engine.version, personal=personal,
    )
    if not on_postgres():
        return str((await BotQuestionLog.create(**values)).id)
    # The ORM's own defaults: a random UUID and auto_now_add's aware UTC now.
    values.update(id=uuid.uuid4(), channel=channel.value, created_at=datetime.now(UTC))
    await connections.get("default").execute_query(_LOG_SQL, [values[c] for c in _LOG_COLUMNS])
    return str(values["id"])


async def ask(*, holder: EngineHolder, redis: Redis, question: str, channel: BotChannel,
              session_id: str | None, session_ttl: int, user_id: int | None = None,
              openid: str | None = None, org_facts: OrgFacts | None = None) -> Asked:
    """Answer in the asker's session, remember the topic for follow-ups, and log the question."""
    owner = f"user:{user_id}" if user_id is not None else f"openid:{openid}"
    session_id, topic = await _claim_session(redis, session_id=session_id, owner=owner)
    engine = await current_engine(holder)
    answer = await asyncio.to_thread(engine.ask, question, topic=topic, org_facts=org_facts,
                                     session_id=session_id)
    await _save_session(redis, session_id=session_id, owner=owner, topic=answer.topic, ttl=session_ttl)
    # The engine answers from the organization's data by naming it; a general answer never does.
    personal = org_facts is not None and answer.answered and answer.answer.startswith(org_facts.name)
    answer_id = await _log(answer=answer, question=question, engine=engine, channel=channel, user_id=user_id,
                           openid=openid, personal=personal)
    return Asked(answer=answer, answer_id=answer_id)


async def ask_in_miniprogram(*, holder: EngineHolder, redis: Redis, user_id: int, question: str,
                             session_id: str | None, session_ttl: int, per_minute: int,
                             leads: bool = True) -> Asked:
    """A signed-in user's question: rate limited per user, personal when they lead an organization.

    `leads` is False for callers whose role cannot lead one (residents, staff): their question
    skips the organization lookup (membership keeps the leader role in step, services/members.py)."""
    await ratelimit.enforce(redis, key=f"bot:ask:{user_id}", limit=per_minute,
                            window_seconds=RATE_WINDOW_SECONDS, message="提问太频繁，请稍后再试")
    facts = await leader_org_facts(user_id=user_id) if leads else None
    return await ask(holder=holder, redis=redis, question=question, channel=BotChannel.miniprogram,
                     session_id=session_id, session_ttl=session_ttl, user_id=user_id, org_facts=facts)


async def vote(*, user_id: int, answer_id: str, vote: Vote, comment: str) -> BotFeedback:
    """Record or change the asker's vote on one of their answers."""
    try:
        log_id = uuid.UUID(answer_id)
    except ValueError:
        raise AnswerNotFound() from None
    row = await BotQuestionLog.get_or_none(id=log_id)
    if row is None:
        raise AnswerNotFound()
    if row.user_id != user_id:
        raise NotYourAnswer()
    async with in_transaction():
        feedback, created = await BotFeedback.get_or_create(
            answer_id=row.id, defaults={"user_id": user_id, "vote": vote, "comment": comment,
                                        "question_key": row.question_key})
        if not created:
            feedback.vote, feedback.comment = vote, comment
            await feedback.save(update_fields=["vote", "comment", "updated_at"])
    return feedback


# --- staff: hit test and reports -------------------------------------------------------------


async def hit_test(*, holder: EngineHolder, question: str, k: int) -> dict[str, Any]:
    """The ranked units for a question, and what the bot would answer."""
    engine = await current_engine(holder)
    hits, answer = await asyncio.to_thread(lambda: (engine.hit_test(question, k=k), engine.ask(question)))
    return {"kb_version": engine.version, "hits": [h.to_dict() for h in hits],
            "answer": {k: v for k, v in answer.to_dict().items() if k != "session_id"},
            "retrieval": status(holder)}


async def question_report(*, kind: Literal["refused", "downvoted"], sort: Literal["count", "recent"],
                          page: int, page_size: int) -> dict[str, Any]:
    """Refused or down-voted questions grouped by normalised text, with counts, paginated."""
    if kind == "refused":
        base: Any = BotQuestionLog.filter(answered=False)
        last_field = "created_at"
    else:
        base = BotFeedback.filter(vote=Vote.down)
        last_field = "updated_at"
    total = len(await base.group_by("question_key").values_list("question_key", flat=True))
    order = ("-count", "-last_at", "question_key") if sort == "count" else ("-last_at", "-count", "question_key")
    groups = await (base.annotate(count=Count("id"), last_at=Max(last_field)).group_by("question_key")
                    .order_by(*order).offset((page - 1) * page_size).limit(page_size)
                    .values("question_key", "count", "last_at"))
    keys = [g["question_key"] for g in groups]
    samples = dict(await BotQuestionLog.filter(question_key__in=keys).annotate(sample=Max("question"))
                   .group_by("question_key").values_list("question_key", "sample")) if keys else {}
    comments: dict[str, list[str]] = {}
    if kind == "downvoted" and keys:
        rows = await (BotFeedback.filter(question_key__in=keys, vote=Vote.down).exclude(comment="")
                      .order_by("-updated_at").limit(page_size * 10).values_list("question_key", "comment"))
        for key, comment in rows:
            if len(comments.setdefault(key, [])) < 3:
                comments[key].append(comment)
    items = [{"question": samples.get(g["question_key"], g["question_key"]), "question_key": g["question_key"],
              "count": int(g["count"]), "last_at": _iso(g["last_at"]),
              **({"comments": comments.get(g["question_key"], [])} if kind == "downvoted" else {})}
             for g in groups]
    return {"items": items, "total": total, "page": page, "page_size": page_size}


def _iso(value: Any) -> str | None:
    """An aggregate's instant (a datetime, or on SQLite the stored text) in the API's one form."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return clock.iso(value) if isinstance(value, date | datetime) else None


# --- staff: knowledge documents --------------------------------------------------------------


def _documents_snapshot(holder: EngineHolder) -> dict[str, Any]:
    """Every file in the knowledge folder with dates, status and (when in force) title and size."""
    engine = holder.engine
    today = date.today()
    loaded = {Path(d.path).name: d for d in engine.kb.documents}
    items = []
    for status in list_documents(holder.kb_dir, today=today):
        file = holder.kb_dir / status.name
        document = loaded.get(status.name)
        if status.active:
            state = "in_force"
        elif status.effective_from and status.effective_from > today:
            state = "scheduled"
        else:
            state = "retired"
        items.append({
            "name": status.name, "status": state, "active": status.active,
            "effective_from": status.effective_from.isoformat() if status.effective_from else None,
            "retired_at": status.retired_at.isoformat() if status.retired_at else None,
            "title": document.meta.title if document else None,
            "doc_number": document.meta.doc_number if document else None,
            "units": sum(u.kind != "meta" for u in document.units) if document else None,
            "size": file.stat().st_size,
        })
    return {"kb_version": engine.version, "items": items, "retrieval": holder.status()}


async def documents(*, holder: EngineHolder, page: int, page_size: int) -> dict[str, Any]:
    """One page of the knowledge folder as staff see it (in file-name order), with the total across pages."""
    await current_engine(holder)
    snapshot = await asyncio.to_thread(_documents_snapshot, holder)
    items = snapshot["items"]
    start = (page - 1) * page_size
    return {**snapshot, "items": items[start:start + page_size], "total": len(items), "page": page,
            "page_size": page_size}


def _clean_filename(raw: str) -> str:
    """The bare file name of an upload, or a 422: no folders, hidden files or odd types."""
    name = PurePosixPath(raw.replace("\\", "/")).name.strip()
    if not name or name.startswith(".") or len(name) > MAX_FILENAME_LENGTH:
        raise field_error("file", "文件名无效")
    unsafe = unsafe_in_line(name)  # control and bidi-override characters ("\u202egpj.pdf" shows as "fdp.jpg")
    if unsafe:
        raise field_error("file", unsafe)
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES or name.endswith(".meta.json"):
        raise field_error("file", "仅支持 .txt、.md、.docx、.pdf 格式的政策文件")
    return name


async def _validated_upload(*, name: str, data: bytes, max_bytes: int) -> int:
    """Parse the upload alone, bounded (bot/uploads.py); the number of items/articles found, or a 4xx."""
    if not data:
        raise field_error("file", "文件为空")
    if len(data) > max_bytes:
        raise DocumentTooLarge(limit_mib=max_bytes // (1024 * 1024), details={'limit_bytes': max_bytes})
    limits = UPLOAD_LIMITS
    try:
        parsed = await parse_upload(suffix=Path(name).suffix, data=data, limits=limits)
    except ArchiveTooLarge as exc:
        raise DocumentArchiveTooLarge(limit_mib=_mib(limits.max_uncompressed_bytes),
                                      details={"limit_bytes": exc.limit}) from None
    except ArchiveTooManyEntries as exc:
        raise DocumentArchiveTooManyEntries(limit=exc.limit, details={"limit_entries": exc.limit}) from None
    except ParseLimitExceeded as exc:
        raise DocumentTooComplex(seconds=f"{limits.timeout_seconds:g}", limit_mib=_mib(limits.memory_bytes),
                                 details={"exceeded": exc.kind, "limit_seconds": limits.timeout_seconds,
                                          "limit_bytes": limits.memory_bytes}) from None
    except UnparsableDocument:  # broken zip, bad PDF, …: a bad file, not a crash
        raise field_error("file", "文件无法解析，请确认文件完好且格式与扩展名一致") from None
    if parsed.units == 0:
        raise field_error("file", "未能从文件中识别出条款：需要“第X条”或“1.”“（一）”等编号的正文")
    return parsed.units


def _mib(size: int) -> int:
    return size // (1024 * 1024)


async def save_document(*, holder: EngineHolder, filename: str, data: bytes, effective_from: date | None,
                        replace_name: str | None, max_bytes: int, actor: Actor) -> dict[str, Any]:
    """Upload a new document or replace one by name; re-index at once and audit the change."""
    name = _clean_filename(filename)
    target = holder.kb_dir / (replace_name or name)
    if replace_name is not None:
        if not _exists(holder, replace_name):
            raise DocumentNotFound()
        if Path(replace_name).suffix.lower() != Path(name).suffix.lower():
            raise field_error("file", f"替换文件的格式须与原文件一致（{Path(replace_name).suffix}）")
        name = replace_name
    elif target.exists():
        raise DocumentExists()
    units = await _validated_upload(name=name, data=data, max_bytes=max_bytes)
    before = _file_fact(target) if target.exists() else None
    # Already parsed, bounded, above: storing it must not parse it again unbounded in this worker.
    await asyncio.to_thread(add_document, holder.kb_dir, name, data, effective_from, check=False)
    await build(holder)
    after = {**(_file_fact(target) or {}), "effective_from": effective_from.isoformat() if effective_from else None,
             "units": units, "kb_version": holder.engine.version}
    action = "bot.document.replace" if replace_name is not None else "bot.document.upload"
    await audit.record(actor=actor, action=action, object_type="bot_document",
                       object_id=name, before=before, after=after)
    return await _document_entry(holder, name)


async def retire(*, holder: EngineHolder, name: str, retired_at: date, actor: Actor) -> dict[str, Any]:
    """Take a document out of force from a date on (the file stays for the record)."""
    if not _exists(holder, name):
        raise DocumentNotFound()
    before = await _document_entry(holder, name)
    await asyncio.to_thread(retire_document, holder.kb_dir, name, retired_at)
    await build(holder)
    after = await _document_entry(holder, name)
    await audit.record(actor=actor, action="bot.document.retire",
                       object_type="bot_document", object_id=name, before=before,
                       after={**after, "kb_version": holder.engine.version})
    return after


def _exists(holder: EngineHolder, name: str) -> bool:
    return any(status.name == name for status in list_documents(holder.kb_dir))


def _file_fact(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    data = path.read_bytes()
    return {"name": path.name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


async def _document_entry(holder: EngineHolder, name: str) -> dict[str, Any]:
    snapshot = await asyncio.to_thread(_documents_snapshot, holder)
    entry = next(item for item in snapshot["items"] if item["name"] == name)
    return {**entry, "kb_version": snapshot["kb_version"]}
