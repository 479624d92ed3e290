"""Operators (petugas) and signing in."""

from __future__ import annotations

from kiosk import auth
from kiosk.errors import AuthError
from kiosk.ops.registry import LOCAL, op
from kiosk.site import this_device


@op("operator.add")
def add_operator(ctx, *, username: str, name: str, role: str = "operator", pin: str) -> dict:
    """Create an operator account."""
    with ctx.store.transaction() as s:
        this_device(s)  # operators belong to a site: refuse before `kiosk init`
        return auth.operator_dict(auth.create_operator(s, username=username, full_name=name, role=role, pin=pin,
                                                       now=ctx.now(), actor=ctx.actor))


@op("operator.reset_pin")
def reset_pin(ctx, *, username: str, pin: str) -> dict:
    """A supervisor sets a new PIN for an operator (who forgot it, or is locked out): also unlocks."""
    with ctx.store.transaction() as s:
        return auth.operator_dict(auth.set_pin(s, username, pin, actor=ctx.actor, now=ctx.now()))


@op("operator.deactivate")
def deactivate(ctx, *, username: str) -> dict:
    """Turn an operator's account off (their records stay); the last active supervisor cannot be."""
    with ctx.store.transaction() as s:
        return auth.operator_dict(auth.deactivate_operator(s, username, actor=ctx.actor, now=ctx.now()))


@op("operator.set_role")
def set_role(ctx, *, username: str, role: str) -> dict:
    """Change an operator's role (operator, supervisor, technician)."""
    with ctx.store.transaction() as s:
        return auth.operator_dict(auth.set_role(s, username, role, actor=ctx.actor, now=ctx.now()))


@op("operator.roles", scope=LOCAL, write=False)
def roles(ctx=None) -> list[str]:
    """The roles an operator may have (the screens' pickers)."""
    return list(auth.ROLES)


@op("operator.list", write=False)
def list_operators(ctx) -> list[dict]:
    """Every operator account, by username."""
    with ctx.store.read() as s:
        return [auth.operator_dict(o) for o in auth.list_operators(s)]


@op("operator.sign_in")
def sign_in(ctx, *, username: str, pin: str, permission: str | None = None) -> dict:
    """One sign-in attempt: the operator's {username, name, role, active}, or AuthError.

    The attempt commits before a refusal is raised, so failures count and the lockout holds. With
    `permission` (a key of `auth.PERMISSIONS`) an operator who may not do that is refused too.
    """
    with ctx.store.transaction() as s:
        result = auth.login_attempt(s, username, pin, now=ctx.now())
        data = auth.operator_dict(result.operator) if result.ok else None
    if data is None:
        raise AuthError(result.message)
    if permission is not None and not auth.may(data["role"], permission):
        raise AuthError(f"hanya {' / '.join(auth.PERMISSIONS[permission])} yang boleh membuka ini")
    return data


@op("operator.may", scope=LOCAL, write=False)
def may(ctx=None, *, role: str | None, permission: str) -> bool:
    """Whether an operator with `role` may do `permission` (screens show or hide what follows from it)."""
    return auth.may(role, permission)
