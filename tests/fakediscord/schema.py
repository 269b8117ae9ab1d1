"""Validate request bodies against Discord's own OpenAPI description.

The spec lives outside the repository (``../shared/discord/openapi.json``, or wherever
``DISCORD_OPENAPI`` points); it is read, never copied. When it is missing the fake still
runs with the explicit limit checks of :mod:`.limits`, and says so.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_ENV = "DISCORD_OPENAPI"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "discord" / "openapi.json"
_SPEC_URI = "urn:discord:openapi"
_METHODS = ("get", "put", "post", "patch", "delete")


def spec_path() -> Path:
    """Where the spec is read from: ``$DISCORD_OPENAPI`` (relative to the repo root) or the default."""
    raw = os.environ.get(SPEC_ENV)
    if not raw:
        return DEFAULT_SPEC
    path = Path(raw).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


@dataclass(frozen=True)
class _Template:
    """One path of the spec, e.g. ``/channels/{channel_id}/messages``, as a matcher."""

    path: str
    regex: re.Pattern[str]
    literal_chars: int


def _compile(path: str) -> _Template:
    parts = re.split(r"(\{[^}]+\})", path)
    pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    literal = sum(len(p) for p in parts if not p.startswith("{"))
    return _Template(path, re.compile(pattern), literal)


def _pointer(*parts: str) -> str:
    escaped = (p.replace("~", "~0").replace("/", "~1") for p in parts)
    return quote("/" + "/".join(escaped), safe="/~")


@dataclass
class OpenAPISpec:
    """The loaded spec: route matching and one cached validator per (method, path)."""

    document: dict[str, Any]
    source: Path
    _templates: list[_Template] = field(default_factory=list)
    _validators: dict[tuple[str, str], Draft202012Validator | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        self._templates = sorted(
            (_compile(p) for p in self.document.get("paths", {})),
            key=lambda t: -t.literal_chars,
        )

    def match(self, method: str, path: str) -> str | None:
        """The spec path template serving ``method path``; literal segments win over parameters."""
        for template in self._templates:
            if template.regex.fullmatch(path) and method.lower() in self.document["paths"][template.path]:
                return template.path
        return None

    def has_body_schema(self, method: str, template: str) -> bool:
        return self._validator(method, template) is not None

    def _validator(self, method: str, template: str) -> Draft202012Validator | None:
        key = (method.lower(), template)
        if key not in self._validators:
            operation = self.document["paths"][template].get(method.lower(), {})
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                self._validators[key] = None
            else:
                ref = _pointer("paths", template, method.lower(), "requestBody", "content",
                               "application/json", "schema")
                schema = {"$ref": f"{_SPEC_URI}#{ref}"}
                self._validators[key] = Draft202012Validator(schema, registry=self._registry)
        return self._validators[key]

    def validate_response(self, method: str, template: str, status: int, body: Any) -> list[str]:
        """Why a response body of the fake would not match Discord's documented response schema."""
        key = (f"{method.lower()} {status}", template)
        if key not in self._validators:
            responses = self.document["paths"][template].get(method.lower(), {}).get("responses", {})
            content = responses.get(str(status), {}).get("content", {})
            self._validators[key] = None if "application/json" not in content else Draft202012Validator(
                {"$ref": f"{_SPEC_URI}#" + _pointer("paths", template, method.lower(), "responses", str(status),
                                                    "content", "application/json", "schema")},
                registry=self._registry)
        validator = self._validators[key]
        return [] if validator is None else [describe(e) for e in validator.iter_errors(body)]

    def validate_component(self, name: str, obj: Any) -> list[str]:
        """Why ``obj`` is not a valid ``components/schemas/<name>`` object (empty when it is)."""
        schema = {"$ref": f"{_SPEC_URI}#" + _pointer("components", "schemas", name)}
        return [describe(e) for e in Draft202012Validator(schema, registry=self._registry).iter_errors(obj)]

    def validate(self, method: str, template: str, body: Any) -> list[str]:
        """Human-readable reasons why Discord would reject ``body`` (empty when it is valid)."""
        validator = self._validator(method, template)
        if validator is None:
            return []
        return [describe(error) for error in validator.iter_errors(body)]


@lru_cache(maxsize=4)
def _load(path: Path) -> OpenAPISpec | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return OpenAPISpec(document, path)


def load_spec() -> OpenAPISpec | None:
    """The spec named by the environment, or ``None`` when the file is absent (cached per path)."""
    return _load(spec_path())


def _branch_errors(error: ValidationError) -> Iterable[ValidationError]:
    """Errors of the union branches whose discriminator (``type``) matched the instance.

    Discord's unions (callbacks, options, components) are tagged by ``type``; reporting the
    branch the sender meant is far more useful than "not valid under any of the given schemas".
    """
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else None, []).append(sub)
    meant = [
        errs for errs in branches.values()
        if not any(list(e.relative_path) == ["type"] and e.validator in ("const", "enum") for e in errs)
    ]
    chosen = meant if meant else list(branches.values())
    return [e for errs in chosen for e in errs]


def describe(error: ValidationError) -> str:
    """One line: where in the body, and which rule of the schema it breaks."""
    while error.context:
        candidates = list(_branch_errors(error))
        if not candidates:
            break
        error = best_match(candidates)
    where = error.json_path
    rule, limit, value = error.validator, error.validator_value, error.instance
    if rule in ("maxLength", "minLength") and isinstance(value, str):
        return f"{where}: string of {len(value)} chars breaks {rule}={limit}"
    if rule in ("maxItems", "minItems") and isinstance(value, list):
        return f"{where}: {len(value)} items breaks {rule}={limit}"
    message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return f"{where}: {message}"
