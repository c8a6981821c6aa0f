"""Keep secrets out of logs and error messages."""

from __future__ import annotations

import re

_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:@/\s]*)(?P<password>:[^@/\s]*)?@", re.I)


def _mask(match: re.Match[str]) -> str:
    if match["password"] is None:
        return match[0]
    return f"{match['scheme']}{match['user']}:***@"


def redact_url(text: str) -> str:
    """Replace the password of every URL in ``text`` with ``***``; URLs without one stay as they are."""
    return _USERINFO.sub(_mask, text)
