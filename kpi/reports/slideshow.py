"""Moving through the slides: previous / next, and auto-advance on a timer."""
from __future__ import annotations


def move(index: int, delta: int, count: int) -> int:
    """The slide `delta` steps from `index`, kept within 0 … count − 1
    (next on the last slide stays there; a shorter deck clamps)."""
    if count <= 0:
        return 0
    return max(0, min(count - 1, index + delta))


def advance(index: int, count: int, shown_at: float, now: float, seconds: float) -> int:
    """Auto-advance: the next slide once the current one has been shown for
    `seconds` (times in seconds from any monotonic clock); a timer that fires
    up to half a second early still counts. Stops at the last slide rather
    than starting over in front of the hall."""
    if now - shown_at >= seconds - 0.5:
        return move(index, 1, count)
    return index
