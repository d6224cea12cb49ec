"""Optional LLM rephrasing against a local fake OpenAI-compatible server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from bot import BotSettings, Engine, KnowledgeBase
from bot.llm import is_supported


class _FakeOpenAI(BaseHTTPRequestHandler):
    reply = ""
    status = 200
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
        )
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": type(self).reply}}]})
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture()
def fake_llm() -> Iterator[str]:
    _FakeOpenAI.requests = []
    _FakeOpenAI.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _engine(kb: KnowledgeBase, url: str) -> Engine:
    return Engine(kb, settings=BotSettings(llm_base_url=url, llm_api_key="test-key", llm_model="fake"))


def test_off_by_default(engine: Engine) -> None:
    assert engine.rephraser is None


def test_rephrasing_is_used_when_supported(kb: KnowledgeBase, fake_llm: str) -> None:
    _FakeOpenAI.reply = (
        "正式党员不足3名的社会组织，可以按照地域相邻、行业相近原则成立联合党支部，覆盖单位一般不超过5个。"
    )
    answer = _engine(kb, fake_llm).ask("联合党支部最多覆盖几个单位")
    assert answer.answer == _FakeOpenAI.reply
    assert answer.citations[0].number == 2  # citations stay
    request = _FakeOpenAI.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer test-key"
    assert answer.citations[0].quote in request["body"]["messages"][1]["content"]


def test_rephrasing_with_new_numbers_is_rejected(kb: KnowledgeBase, fake_llm: str) -> None:
    _FakeOpenAI.reply = "联合党支部覆盖单位最多不超过8个。"
    answer = _engine(kb, fake_llm).ask("联合党支部最多覆盖几个单位")
    assert "8个" not in answer.answer and "5个" in answer.answer


def test_rephrasing_with_invented_content_is_rejected(kb: KnowledgeBase, fake_llm: str) -> None:
    _FakeOpenAI.reply = "请携带身份证原件到政务服务大厅窗口办理，当天即可领取证书。"
    answer = _engine(kb, fake_llm).ask("联合党支部最多覆盖几个单位")
    assert answer.answer.startswith("根据《")


def test_endpoint_failure_falls_back(kb: KnowledgeBase, fake_llm: str) -> None:
    _FakeOpenAI.status = 500
    _FakeOpenAI.reply = "x"
    answer = _engine(kb, fake_llm).ask("联合党支部最多覆盖几个单位")
    assert answer.answered and "5个" in answer.answer


def test_refusals_are_not_sent_to_the_llm(kb: KnowledgeBase, fake_llm: str) -> None:
    answer = _engine(kb, fake_llm).ask("明天限号吗")
    assert not answer.answered and _FakeOpenAI.requests == []


def test_guard_accepts_faithful_shortening() -> None:
    quote = "社会组织有3名以上正式党员的，全部单独成立党组织。"
    assert is_supported(
        rephrased="有3名以上正式党员的，要单独成立党组织。", answer=quote, quotes=[quote], question=""
    )
    assert not is_supported(
        rephrased="有10名正式党员的，要单独成立党组织。", answer=quote, quotes=[quote], question=""
    )
