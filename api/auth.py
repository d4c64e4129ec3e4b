"""Bearer tokens and roles: who may read and who may write.

Writes need a token whose role is editor (or admin); reads are public unless the server is configured to
require a reader token. Tokens are checked against their sha256 hashes (`dkg.tokens`) and never logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from dkg.api.errors import ApiError
from dkg.tokens import TokenInfo
from fastapi import Request


@dataclass(frozen=True)
class Principal:
    """The caller: a token's name and role, or anonymous."""

    name: str
    role: str | None

    @property
    def anonymous(self) -> bool:
        return self.role is None


ANONYMOUS = Principal("anonymous", None)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise ApiError(401, "unauthorized", "use `Authorization: Bearer <token>`",
                       headers={"WWW-Authenticate": 'Bearer realm="dkg"'})
    return value.strip()


def principal_of(request: Request) -> Principal:
    """The caller named by the request's bearer token (anonymous without one); 401 for a bad token."""
    state = request.app.state.dkg
    token = _bearer(request)
    if token is None:
        return ANONYMOUS
    info: TokenInfo | None = state.tokens.verify(token)
    if info is None:
        raise ApiError(401, "unauthorized", "unknown or revoked token",
                       headers={"WWW-Authenticate": 'Bearer realm="dkg", error="invalid_token"'})
    return Principal(info.name, info.role)


def require(request: Request, role: str) -> Principal:
    """The caller, who must hold at least `role` (reader/editor/admin)."""
    from dkg.tokens import ROLES  # noqa: PLC0415

    principal = principal_of(request)
    if principal.anonymous:
        raise ApiError(401, "unauthorized", f"this needs a bearer token with role {role} or higher",
                       headers={"WWW-Authenticate": 'Bearer realm="dkg"'})
    if ROLES.index(principal.role or "reader") < ROLES.index(role):
        raise ApiError(403, "forbidden", f"the token {principal.name!r} has role {principal.role}; this needs {role}")
    return principal


def reader(request: Request) -> Principal:
    """Dependency for reads: public by default, a reader token when the server requires one."""
    if request.app.state.dkg.config.public_reads:
        return principal_of(request)
    return require(request, "reader")


def editor(request: Request) -> Principal:
    """Dependency for writes: an editor (or admin) token; 403 when the server is read-only."""
    if request.app.state.dkg.config.read_only:
        raise ApiError(403, "read_only", "this server is read-only")
    return require(request, "editor")
