"""The one place an upload's multipart form is read.

Sanic parses `request.files` lazily and, when the body is no valid form (no `boundary` parameter, a part
without headers), logs a traceback and hands the handler an empty form. Here the form is parsed once,
and a body that cannot be one is refused with a 400 that says so (and no traceback).
"""

from __future__ import annotations

from sanic import Request
from sanic.headers import parse_content_header
from sanic.request.form import parse_multipart_form
from sanic.request.parameters import RequestParameters

from backend.errors import MalformedForm


def form_parts(request: Request) -> tuple[RequestParameters, RequestParameters]:
    """The upload's files and fields (empty when the body is no multipart form); a 400 for a broken form."""
    content_type, params = parse_content_header(request.headers.getone("content-type", ""))
    if content_type.lower() != "multipart/form-data":
        return RequestParameters(), RequestParameters()
    boundary = params.get("boundary")
    if not boundary:
        raise MalformedForm()
    try:
        fields, files = parse_multipart_form(request.body or b"", str(boundary).encode("utf-8"))
    except Exception:  # whatever Sanic's parser trips over in a malformed body
        raise MalformedForm() from None
    return files, fields
