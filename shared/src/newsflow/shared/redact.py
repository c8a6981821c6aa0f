"""Keep secrets out of logs and error messages."""

from __future__ import annotations

import re

# The user information of a URL runs to the LAST "@" of the URL, as redis-py's parser
# (urllib's) reads it: a password may hold an unencoded "@", or a "/" that makes the URL
# unparseable. Masking everything between "user:" and that "@" covers both readings.
_USERINFO = re.compile(
    r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:@/\s'\"<>]*)(?P<password>:[^\s'\"<>]*)?@", re.I
)


def _mask(match: re.Match[str]) -> str:
    if match["password"] is None:
        return match[0]
    return f"{match['scheme']}{match['user']}:***@"


def redact_url(text: str) -> str:
    """Replace the password of every URL in ``text`` with ``***``; URLs without one stay as they are."""
    return _USERINFO.sub(_mask, text)


def unparseable_redis_url(url: str) -> str | None:
    """Why redis-py cannot use ``url`` (password masked), or None when it can."""
    from redis.connection import parse_url

    try:
        parse_url(url)  # type: ignore[no-untyped-call]
    except ValueError as exc:
        reason = str(exc)
        password = _USERINFO.match(url)
        if password is not None and password["password"]:
            reason = reason.replace(password["password"][1:], "***")
            for part in re.split(r"[/@:?#]", password["password"][1:]):
                if len(part) > 1:
                    reason = reason.replace(part, "***")
        return (
            f"{redact_url(url)} cannot be parsed ({redact_url(reason)}); "
            "a password holding '@', '/', ':' or '%' must be percent-encoded (%40, %2F, %3A, %25)"
        )
    return None
