"""Helpers for the credit-list and inspection tests: the annual-report clock, staff, leaders, residents."""

from __future__ import annotations

from tests.annual_reports.conftest import Clock, clock, leader, resident, staff

__all__ = ["Clock", "clock", "leader", "resident", "staff"]
