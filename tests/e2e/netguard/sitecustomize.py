"""Loaded by the bot processes the e2e tests start (via PYTHONPATH): no network beyond loopback.

An audit hook refuses any connection or name lookup for a host other than 127.0.0.1 / ::1 /
localhost, and says so on stderr, where the test harness looks for it. It changes nothing for a
bot that only talks to the fake Discord on 127.0.0.1.
"""

import sys

_LOCAL = {"127.0.0.1", "::1", "localhost", "", None}


def _host(address):
    if isinstance(address, tuple) and address:
        return address[0]
    return None if isinstance(address, (str, bytes)) else address  # AF_UNIX paths are not network


def _guard(event, args):
    if event == "socket.connect":
        host = _host(args[1])
    elif event == "socket.getaddrinfo":
        host = args[0].decode() if isinstance(args[0], bytes) else args[0]
    else:
        return
    if host not in _LOCAL:
        sys.stderr.write(f"netguard: blocked {event} to {host!r}\n")
        raise ConnectionRefusedError(f"netguard: {host!r} is not loopback (e2e tests stay on 127.0.0.1)")


sys.addaudithook(_guard)
