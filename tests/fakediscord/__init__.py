"""A loopback fake of the Discord API (REST + gateway) for end-to-end tests of the real bot.

See ``server.FakeDiscord`` for the test-facing API and ``README`` notes in its docstrings.
"""

from .gateway import GatewayFrame
from .rest import ApiError
from .schema import SPEC_ENV, load_spec, spec_path
from .server import FakeDiscord, Fault, RecordedRequest
from .state import InteractionRecord, Upload

__all__ = [
    "SPEC_ENV",
    "ApiError",
    "FakeDiscord",
    "Fault",
    "GatewayFrame",
    "InteractionRecord",
    "RecordedRequest",
    "Upload",
    "load_spec",
    "spec_path",
]
