"""The one .xlsx writer every export uses (grant ranking and 公示 lists, party-building coverage, rosters).

Text people typed (organization and project names, titles) is written as text, always: a name such as
`=HYPERLINK("http://x","y")` would otherwise reach staff's Excel as a live formula (formula
injection). openpyxl turns any string starting with "=" into a formula, so every string cell is forced
to a string cell, and text starting with a character spreadsheets read as the start of a formula
(= + - @, tab, carriage return) also gets the quote prefix, so that editing the cell in Excel does not
turn it into one either. Characters XML cannot carry are dropped rather than failing the export.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

# openpyxl is imported where a workbook is written (in a thread), not with this module: every web
# worker imports the services, few ever export, and openpyxl costs each of them ~11 MB.

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_TITLE = 31  # Excel's limit on a sheet name


@dataclass(frozen=True, slots=True)
class Sheet:
    """One worksheet: its name, rows of plain values, and optional column widths and frozen header row."""

    title: str
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] = field(default=())
    freeze_first_row: bool = False


def text_safe(ws: Any, value: Any) -> WriteOnlyCell:
    """A cell holding `value`; a string stays a string cell whatever it starts with."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return WriteOnlyCell(ws, value=value)
    cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx bytes of these sheets (blocking: call `build` from async code)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:MAX_TITLE])
        for i, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        if sheet.freeze_first_row:
            ws.freeze_panes = "A2"
        for row in sheet.rows:
            ws.append([text_safe(ws, value) for value in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def build(*sheets: Sheet) -> bytes:
    """The workbook built in a worker thread, so the event loop keeps serving."""
    return await asyncio.to_thread(workbook, sheets)
