"""The 公示 end date counts official working days (chinese_calendar), skipping 国庆 and weekends."""

from __future__ import annotations

from datetime import date

from backend.services import workdays
from backend.services.workdays import add_working_days


def test_five_working_days_from_the_eve_of_national_day_2026():
    # Oct 1–7 are holidays; Sat Oct 10 is an adjusted working day (调休); Sun Oct 11 is off.
    assert add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_plain_weekend_is_skipped_and_start_day_never_counts():
    assert add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)  # Fri → Mon
    assert add_working_days(date(2026, 11, 9), 5) == date(2026, 11, 16)


def test_years_the_package_does_not_know_fall_back_to_weekdays():
    assert workdays.is_workday(date(2030, 6, 3)) is True  # a Monday
    assert workdays.is_workday(date(2030, 6, 1)) is False  # a Saturday
    assert add_working_days(date(2030, 5, 31), 1) == date(2030, 6, 3)
