"""Hosted playlists in distributed mode, on PostgreSQL and Redis: the worker identifies, the front
adds (a worker never touches the host account), each person's song once."""

from __future__ import annotations

from sandbox.processes import free_port
from sandbox.spotify.state import HOST_USER
from tests.e2e.cluster import Cluster, scrape
from tests.e2e.worlds import Services, said
from tests.host_helpers import stash_host

PEOPLE = range(3001, 3004)


async def test_the_front_adds_to_hosted_playlists_and_the_worker_never_does(
        services: Services, cluster: Cluster) -> None:
    services.spotify.login_as(HOST_USER)
    status, output = await stash_host(cluster.env(free_port()), cluster.folder, "link")
    assert status == 0, output
    front = await cluster.front("front-telegram", telegram=True)
    worker = await cluster.start("worker-0", "worker")
    for member in (front, worker):
        await member.ready()
    telegram = services.telegram
    url = services.media.url("40000003", "m4a")
    for person in PEOPLE:
        telegram.add_user(person, f"Person {person}")
        telegram.user_sends(person, url, chat_id=person)
    for person in PEOPLE:
        await telegram.wait_for(lambda p=person: "I keep this playlist for you"
                                in said(services, p), 90)
    lists = services.spotify.playlists(HOST_USER)
    assert len(lists) == len(PEOPLE) and all(len(p["items"]) == 1 for p in lists)
    assert 'service="spotify_hosted"' in await scrape(front)
    worker_metrics = await scrape(worker)
    assert 'service="spotify_search"' in worker_metrics  # the worker searched: it is counted
    assert "spotify_hosted" not in worker_metrics
