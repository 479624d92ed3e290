"""A promoted site hub takes over the site's sync with central, and central fences the hub it replaced."""

from __future__ import annotations

from kiosk import tickets
from kiosk.hub import state
from kiosk.models import Meta
from kiosk.site import this_device
from tests.synctools import TABANG, central_fixture, kiosk_factory_fixture

central = central_fixture()
make_kiosk = kiosk_factory_fixture()


def become_hub(kiosk, epoch: int) -> None:
    with kiosk.store.transaction() as s:
        state.become_hub(s, epoch=epoch)
        tickets.set_counter(s, 1, ["KTP"], now=kiosk.clock.now())


def test_central_fences_the_old_hub_once_the_new_one_has_pushed(central, make_kiosk):
    old = make_kiosk(TABANG, name="hub-lama")
    old.enroll(central)
    become_hub(old, 1)
    with old.store.transaction() as s:
        tickets.issue_ticket(s, "KTP", now=old.clock.now())
    assert old.sync().ok

    # A joined PC was promoted: it continues the site's identity at central with a higher epoch.
    new = make_kiosk(TABANG, name="hub-baru")
    become_hub(new, 2)
    with old.store.read() as s:
        identity = {row.key: row.value for row in s.query(Meta).filter(Meta.key.like("sync.%"))}
    with new.store.transaction() as s:
        for key, value in identity.items():
            s.merge(Meta(key=key, value=value))
        this_device(s).epoch = 2  # its own outbox stream, above the old hub's
    new.server_url = old.server_url
    with new.store.transaction() as s:
        tickets.issue_ticket(s, "KTP", now=new.clock.now())
    assert new.sync().ok
    assert central.scalar("SELECT hub_epoch FROM devices") == 2

    # The old hub comes back and syncs: central tells it a newer hub holds the site; it stands down.
    with old.store.transaction() as s:
        tickets.issue_ticket(s, "KTP", now=old.clock.now())
    result = old.sync()
    assert not result.ok and result.error_code == "fenced"
    with old.store.read() as s:
        assert state.role(s) == state.STOOD_DOWN
    # ...and the new hub goes on.
    with new.store.transaction() as s:
        tickets.issue_ticket(s, "KTP", now=new.clock.now())
    assert new.sync().ok
