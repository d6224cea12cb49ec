"""Geometry on the sphere: great-circle distance and the bounding box that pre-filters a radius search."""

from __future__ import annotations

import math

EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, radius_m: float) -> tuple[float, float]:
    """Half-height and half-width in degrees of the smallest box around every point within radius_m.

    On the sphere haversine_m uses, so no point it keeps is cut off; the widest longitude lies a little
    poleward of `lat`, hence asin(sin d / cos φ) rather than d / cos φ (J. P. Matuschek, "Finding
    Points Within a Distance of a Latitude/Longitude Using Bounding Coordinates").
    """
    d = radius_m / EARTH_RADIUS_M
    dlat = math.degrees(d)
    if abs(lat) + dlat >= 90 or math.sin(d) >= math.cos(math.radians(lat)):
        return dlat, 360.0  # the circle reaches a pole: every longitude
    return dlat, math.degrees(math.asin(math.sin(d) / math.cos(math.radians(lat))))


def haversine_sql(lat: float, lng: float, *, lat_col: str, lng_col: str) -> str:
    """The SQL expression of `haversine_m(lat, lng, <lat_col>, <lng_col>)`, term for term the same.

    The query point's own terms are computed here, so the database evaluates the same floating-point
    operations Python would (a page and the next one's cursor agree to the bit). `lat` and `lng` must be
    floats (they are inlined as literals); the columns are trusted SQL.
    """
    p1, cos_p1, lng0 = (f"({math.radians(float(lat))!r})", f"({math.cos(math.radians(float(lat)))!r})",
                        f"({float(lng)!r})")
    p2 = f"RADIANS({lat_col})"
    a = (f"POWER(SIN(({p2} - {p1}) / 2), 2) + {cos_p1} * COS({p2}) * "
         f"POWER(SIN(RADIANS({lng_col} - {lng0}) / 2), 2)")
    return f"({2 * EARTH_RADIUS_M!r} * ASIN(LEAST(1.0, SQRT({a}))))"
