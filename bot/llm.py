"""Optional rephrasing of extractive answers by an OpenAI-compatible endpoint, under a guard."""

from __future__ import annotations

import logging
import re
from typing import Protocol

from bot.settings import BotSettings

log = logging.getLogger(__name__)

_SYSTEM_PROMPT = (
    "你是社会组织政策问答助手。只能依据用户提供的引文改写答案，使其通顺易懂；"
    "不得添加引文中没有的事实、数字、单位或日期；不确定时原样返回答案。只输出改写后的答案。"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+(?=[个名项条年月日天%％])")
_CJK_BIGRAM = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
# Share of the rephrasing's CJK bigrams that must come from the question, answer or quotes.
MIN_SUPPORTED_BIGRAMS = 0.6


class Rephraser(Protocol):
    """Rewrites an extractive answer more fluently, using only the cited quotes."""

    def rephrase(self, *, question: str, answer: str, quotes: list[str]) -> str:
        """Return the rewritten answer (or raise; the engine then keeps the extractive one)."""
        ...


class OpenAIRephraser:
    """Calls POST {base_url}/chat/completions of any OpenAI-compatible server."""

    def __init__(self, *, base_url: str, api_key: str | None, model: str, timeout: float = 8.0) -> None:
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._model = model
        self._timeout = timeout

    def rephrase(self, *, question: str, answer: str, quotes: list[str]) -> str:
        """Ask the model for a rewrite at temperature 0."""
        cited = "\n".join(f"- {quote}" for quote in quotes)
        payload = {
            "model": self._model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": _SYSTEM_PROMPT},
                {"role": "user", "content": f"问题：{question}\n引文：\n{cited}\n原答案：{answer}"},
            ],
        }
        import httpx  # only when an endpoint is configured: httpx pulls its CLI's rich and pygments in

        response = httpx.post(self._url, json=payload, headers=self._headers, timeout=self._timeout)
        response.raise_for_status()
        return str(response.json()["choices"][0]["message"]["content"]).strip()


def rephraser_from_settings(settings: BotSettings) -> Rephraser | None:
    """The configured rephraser, or None when no endpoint is set (the default)."""
    if not settings.llm_base_url:
        return None
    return OpenAIRephraser(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        model=settings.llm_model,
        timeout=settings.llm_timeout,
    )


def is_supported(*, rephrased: str, answer: str, quotes: list[str], question: str) -> bool:
    """Reject rewrites that bring numbers or wording the cited text does not contain."""
    if not rephrased.strip() or len(rephrased) > 2 * len(answer) + 40:
        return False
    source = "\n".join([answer, question, *quotes])
    if any(number not in source for number in _NUMBER.findall(rephrased)):
        return False
    bigrams = _CJK_BIGRAM.findall(rephrased)
    if not bigrams:
        return True
    supported = sum(1 for bigram in bigrams if bigram in source)
    return supported / len(bigrams) >= MIN_SUPPORTED_BIGRAMS


def safe_rephrase(rephraser: Rephraser, *, question: str, answer: str, quotes: list[str]) -> str:
    """The rephrased answer when it passes the guard, else the extractive answer unchanged."""
    try:
        rephrased = rephraser.rephrase(question=question, answer=answer, quotes=quotes)
    except Exception:  # any endpoint failure must degrade to the extractive answer
        log.warning("bot rephraser failed; keeping the extractive answer", exc_info=True)
        return answer
    if is_supported(rephrased=rephrased, answer=answer, quotes=quotes, question=question):
        return rephrased
    log.info("bot rephrasing rejected by the guard")
    return answer
