"""The multipart upload the phone sends for grant attachments and incubation materials: one file and its kind."""

from __future__ import annotations

from typing import Any

from sanic import Request
from sanic.request import File

from backend.errors import field_error
from backend.uploads import form_parts

MAX_KIND = 64


def upload_form(kind_description: str) -> dict[str, dict[str, Any]]:
    """The form fields of such an upload, for `contract.form_body` (`kind` described per slice)."""
    return {"file": {"type": "string", "format": "binary", "description": "PDF、DOCX、JPG 或 PNG"},
            "kind": {"type": "string", "maxLength": MAX_KIND, "description": kind_description}}


def uploaded_file(request: Request) -> tuple[File, str]:
    """The uploaded file and its kind (trimmed); a 422 naming `file` when there is none, a 400 for a form
    without a boundary."""
    files, form = form_parts(request)
    upload = files.get("file")
    if upload is None:
        raise field_error("file", "请上传文件（表单字段 file）")
    kind = (form.get("kind") or "").strip()[:MAX_KIND]
    return upload, kind
