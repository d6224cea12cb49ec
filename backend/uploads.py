"""The one place an upload's multipart form is read (`request.files` / `request.form`).

Sanic parses the form lazily and, for `multipart/form-data` without a `boundary` parameter, fails
inside with a KeyError that it logs as a traceback and then hides behind an empty form. Such a body
can never hold a file, so it is refused first with a 400 that says why.
"""

from __future__ import annotations

from sanic import Request
from sanic.headers import parse_content_header
from sanic.request.parameters import RequestParameters

from backend.errors import MalformedForm


def form_parts(request: Request) -> tuple[RequestParameters, RequestParameters]:
    """The upload's files and fields (empty when the body is no form); a 400 for a form without a boundary."""
    content_type, params = parse_content_header(request.headers.getone("content-type", ""))
    if content_type.lower() == "multipart/form-data" and not params.get("boundary"):
        raise MalformedForm()
    return request.files or RequestParameters(), request.form or RequestParameters()
