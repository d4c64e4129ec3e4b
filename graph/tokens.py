"""API tokens: random bearer secrets kept only as sha256 hashes with the log's settings.

A token is shown once, when it is created; the log keeps `token:<sha256 hex>` -> JSON (name, role, created,
revoked). Roles are ordered: a reader may read (when reads require a token), an editor may also write, an
admin may also write dkg-managed graphs. Tokens are settings, not events: creating one changes no data.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from dkg.events import format_timestamp
from dkg.log import EventLog

ROLES = ("reader", "editor", "admin")
_PREFIX = "token:"
_TOKEN_PREFIX = "dkg_"


class TokenError(ValueError):
    """A token operation was refused (unknown role, duplicate name, unknown token)."""


@dataclass(frozen=True)
class TokenInfo:
    """What is stored about a token (never the token itself)."""

    name: str
    role: str
    created: str
    hash: str
    revoked: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None

    def allows(self, role: str) -> bool:
        """Whether this token's role is at least `role`."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)

    def public(self) -> dict[str, str | None]:
        """A description safe to show: the name, role, dates and a short hash prefix."""
        return {"name": self.name, "role": self.role, "created": self.created, "revoked": self.revoked,
                "id": self.hash[:12]}


def token_hash(token: str) -> str:
    """The sha256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    """Create, list, check and revoke tokens kept in an event log's settings."""

    def __init__(self, log: EventLog) -> None:
        self.log = log

    def create(self, name: str, role: str) -> tuple[str, TokenInfo]:
        """A new token for `name` with `role`; returns (the secret, shown only now, its stored info)."""
        if role not in ROLES:
            raise TokenError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        name = name.strip()
        if not name or any(c.isspace() or c in "<>\"{}|^`\\" for c in name):
            raise TokenError("a token name must be a non-empty word without spaces (it names the agent)")
        if any(t.name == name and t.active for t in self.list()):
            raise TokenError(f"an active token named {name!r} exists; revoke it first or choose another name")
        secret = _TOKEN_PREFIX + secrets.token_urlsafe(32)
        info = TokenInfo(name=name, role=role, created=format_timestamp(datetime.now(UTC)),
                         hash=token_hash(secret))
        self.log.set_meta(_PREFIX + info.hash, json.dumps(asdict(info)))
        return secret, info

    def list(self) -> list[TokenInfo]:
        """Every token ever created (revoked ones too), oldest first."""
        found = []
        for value in self.log.list_meta(_PREFIX).values():
            try:
                found.append(TokenInfo(**json.loads(value)))
            except (TypeError, ValueError):
                continue
        return sorted(found, key=lambda t: (t.created, t.name))

    def verify(self, token: str) -> TokenInfo | None:
        """The active token's info, or None (unknown or revoked)."""
        digest = token_hash(token)
        value = self.log.get_meta(_PREFIX + digest)
        if value is None:
            return None
        info = TokenInfo(**json.loads(value))
        if not hmac.compare_digest(info.hash, digest) or not info.active:
            return None
        return info

    def revoke(self, name_or_id: str) -> TokenInfo:
        """Revoke the active token with this name (or hash prefix of at least 8 characters)."""
        matches = [t for t in self.list() if t.active and (
            t.name == name_or_id or (len(name_or_id) >= 8 and t.hash.startswith(name_or_id)))]
        if not matches:
            raise TokenError(f"no active token {name_or_id!r}")
        if len(matches) > 1:
            raise TokenError(f"{name_or_id!r} matches several tokens; use a longer id")
        info = matches[0]
        revoked = TokenInfo(**{**asdict(info), "revoked": format_timestamp(datetime.now(UTC))})
        self.log.set_meta(_PREFIX + info.hash, json.dumps(asdict(revoked)))
        return revoked
