"""The guard of tests/conftest.py: nothing reaches past the loopback interface."""

import socket

import pytest

from tests.conftest import NetworkAccessBlocked


@pytest.mark.parametrize("address", [("10.0.0.1", 80), ("93.184.216.34", 443), ("8.8.8.8", 53)])
def test_connecting_outside_loopback_fails(address: tuple[str, int]) -> None:
    with socket.socket() as sock, pytest.raises(NetworkAccessBlocked):
        sock.connect(address)


def test_looking_up_a_public_name_fails() -> None:
    with pytest.raises(NetworkAccessBlocked):
        socket.getaddrinfo("example.com", 443)


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
