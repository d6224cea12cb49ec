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
