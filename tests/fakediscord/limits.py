"""Discord rules that its OpenAPI schema cannot express (or that matter even without the spec).

Each check returns a list of human-readable reasons; an empty list means Discord would accept.
Sources: Discord developer docs (message/embed/component/command limits) and the research note
``shared/notes/discord_anchors.md`` section 2.
"""

from __future__ import annotations

import re
from typing import Any

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_FIELDS_MAX = 25
AUTOCOMPLETE_CHOICES_MAX = 25
COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
COMMAND_TOTAL_MAX = 4000
COMMANDS_PER_SCOPE_MAX = 100
FILES_MAX = 10
UPLOAD_MAX = 10 * 1024 * 1024  # a guild's attachment_size_limit without boosts (``state.py``)
FILE_PART = re.compile(r"files\[(\d+)\]")

# Interaction type -> callback types Discord accepts as the *initial* response.
ALLOWED_CALLBACKS: dict[int, set[int]] = {
    2: {4, 5, 9, 12},  # application command
    3: {4, 5, 6, 7, 9, 12},  # message component
    4: {8},  # autocomplete: answer only, cannot be deferred
    5: {4, 5, 6, 7},  # modal submit
}
_EMBED_STRINGS = (("title", 256), ("description", 4096))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def embed_length(embed: dict[str, Any]) -> int:
    """Characters Discord counts towards the 6000 total (same rule as ``len(discord.Embed)``)."""
    total = len(_text(embed.get("title"))) + len(_text(embed.get("description")))
    for fld in embed.get("fields") or []:
        total += len(_text(fld.get("name"))) + len(_text(fld.get("value")))
    total += len(_text((embed.get("footer") or {}).get("text")))
    total += len(_text((embed.get("author") or {}).get("name")))
    return total


def _check_embed(embed: dict[str, Any], where: str) -> list[str]:
    reasons = []
    for key, limit in _EMBED_STRINGS:
        if len(_text(embed.get(key))) > limit:
            reasons.append(f"{where}.{key}: {len(embed[key])} chars > {limit}")
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        reasons.append(f"{where}.fields: {len(fields)} fields > {EMBED_FIELDS_MAX}")
    for i, fld in enumerate(fields):
        if not 1 <= len(_text(fld.get("name"))) <= 256:
            reasons.append(f"{where}.fields[{i}].name: length must be 1..256")
        if not 1 <= len(_text(fld.get("value"))) <= 1024:
            reasons.append(f"{where}.fields[{i}].value: length must be 1..1024")
    if len(_text((embed.get("footer") or {}).get("text"))) > 2048:
        reasons.append(f"{where}.footer.text: > 2048 chars")
    if len(_text((embed.get("author") or {}).get("name"))) > 256:
        reasons.append(f"{where}.author.name: > 256 chars")
    return reasons


def _check_components(rows: list[Any]) -> list[str]:
    reasons = []
    if len(rows) > 5:
        reasons.append(f"components: {len(rows)} action rows > 5")
    custom_ids: list[str] = []
    for r, row in enumerate(rows):
        if not isinstance(row, dict):
            continue
        children = row.get("components") or []
        if row.get("type") == 1 and len(children) > 5:
            reasons.append(f"components[{r}]: {len(children)} items in one row > 5")
        for c, child in enumerate(children):
            custom_id = child.get("custom_id")
            if custom_id is not None:
                custom_ids.append(custom_id)
                if not 1 <= len(custom_id) <= 100:
                    reasons.append(f"components[{r}][{c}].custom_id: length must be 1..100")
            if len(_text(child.get("label"))) > 80:
                reasons.append(f"components[{r}][{c}].label: > 80 chars")
    if len(custom_ids) != len(set(custom_ids)):
        reasons.append("components: duplicate custom_id")
    return reasons


def check_message(body: dict[str, Any]) -> list[str]:
    """Content length, the 10-embed and 6000-character rules, per-embed and component limits."""
    reasons = []
    content = body.get("content")
    if isinstance(content, str) and len(content) > CONTENT_MAX:
        reasons.append(f"content: {len(content)} chars > {CONTENT_MAX}")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        reasons.append(f"embeds: {len(embeds)} embeds > {EMBEDS_MAX}")
    for i, embed in enumerate(embeds):
        reasons.extend(_check_embed(embed, f"embeds[{i}]"))
    total = sum(embed_length(e) for e in embeds)
    if total > EMBED_TOTAL_MAX:
        reasons.append(f"embeds: {total} characters in total > {EMBED_TOTAL_MAX} per message")
    if body.get("components"):
        reasons.extend(_check_components(body["components"]))
    if isinstance(content, str) and not content and not embeds and not body.get("components") \
            and "attachments" not in body and "poll" not in body:
        reasons.append("message: empty (no content, embeds, components or files)")
    return reasons


def check_files(body: Any, files: list[Any]) -> list[str]:
    """Uploads as Discord takes them: parts named ``files[n]``, each declared in the payload's
    ``attachments`` with ``id`` n, at most 10, not empty, together within the upload limit."""
    if not files:
        return []
    declared = {str(a.get("id")) for a in (body or {}).get("attachments") or [] if isinstance(a, dict)}
    reasons = [f"files: {len(files)} > {FILES_MAX}"] if len(files) > FILES_MAX else []
    for f in files:
        part = FILE_PART.fullmatch(f.field)
        if part is None:
            reasons.append(f"{f.field}: a file part must be named files[n]")
        elif part.group(1) not in declared:
            reasons.append(f"{f.field}: no attachment with id {part.group(1)} in payload_json")
        if not f.filename or not f.data:
            reasons.append(f"{f.field}: empty file or file name")
    total = sum(len(f.data) for f in files)
    if total > UPLOAD_MAX:
        reasons.append(f"files: {total} bytes > {UPLOAD_MAX}")
    return reasons


def check_mentions_none(body: dict[str, Any]) -> list[str]:
    """The project rule: any message with content must disable every ping (``parse: []``)."""
    if not _text(body.get("content")):
        return []
    mentions = body.get("allowed_mentions")
    if not isinstance(mentions, dict):
        return ["allowed_mentions: missing on a message with content (pings would be parsed)"]
    reasons = []
    if mentions.get("parse") not in ([], None) or "parse" not in mentions:
        reasons.append(f"allowed_mentions.parse: {mentions.get('parse')!r}, expected []")
    if mentions.get("users") or mentions.get("roles") or mentions.get("replied_user"):
        reasons.append("allowed_mentions: users/roles/replied_user must not be pinged")
    return reasons


def check_autocomplete(data: dict[str, Any]) -> list[str]:
    choices = data.get("choices")
    if not isinstance(choices, list):
        return ["data.choices: missing"]
    reasons = []
    if len(choices) > AUTOCOMPLETE_CHOICES_MAX:
        reasons.append(f"data.choices: {len(choices)} choices > {AUTOCOMPLETE_CHOICES_MAX}")
    for i, choice in enumerate(choices):
        if not 1 <= len(_text(choice.get("name"))) <= 100:
            reasons.append(f"data.choices[{i}].name: length must be 1..100")
        value = choice.get("value")
        if isinstance(value, str) and len(value) > 100:
            reasons.append(f"data.choices[{i}].value: {len(value)} chars > 100")
    return reasons


def check_callback(interaction_type: int, body: dict[str, Any]) -> list[str]:
    """Callback type must suit the interaction; its data must obey the message/choice limits."""
    kind = body.get("type")
    if kind not in ALLOWED_CALLBACKS.get(interaction_type, set()):
        return [f"callback type {kind} is not a valid response to interaction type {interaction_type}"]
    data = body.get("data") or {}
    if kind == 8:
        return check_autocomplete(data)
    if kind in (4, 7):
        return check_message(data) + check_mentions_none(data)
    return []


# Discord's locales (API reference, "Locales"): the keys a *_localizations map may have.
LOCALES = frozenset({"id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no",
                     "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th",
                     "zh-CN", "ja", "zh-TW", "ko"})


def _check_localizations(obj: dict[str, Any], where: str, *, named: bool) -> list[str]:
    """name_localizations follow the name's rule (a command's or option's, or a choice's 1..100),
    description_localizations 1..100 characters; keys are Discord locales."""
    reasons = []
    for key in ("name_localizations", "description_localizations"):
        values = obj.get(key) or {}
        for locale, text in values.items():
            if locale not in LOCALES:
                reasons.append(f"{where}.{key}: {locale!r} is not a Discord locale")
            text = _text(text)
            if key == "name_localizations" and named:
                if not COMMAND_NAME.match(text) or text != text.lower():
                    reasons.append(f"{where}.{key}[{locale}]: {text!r} must be 1-32 lowercase word chars")
            elif not 1 <= len(text) <= 100:
                reasons.append(f"{where}.{key}[{locale}]: length must be 1..100")
    return reasons


def _option_chars(option: dict[str, Any]) -> int:
    total = len(_text(option.get("name"))) + len(_text(option.get("description")))
    for choice in option.get("choices") or []:
        total += len(_text(choice.get("name"))) + len(str(choice.get("value", "")))
    return total + sum(_option_chars(o) for o in option.get("options") or [])


def _check_options(options: list[dict[str, Any]], where: str) -> list[str]:
    reasons = []
    if len(options) > 25:
        reasons.append(f"{where}.options: {len(options)} options > 25")
    names = [o.get("name") for o in options]
    if len(names) != len(set(names)):
        reasons.append(f"{where}.options: duplicate option names")
    seen_optional = False
    for o in options:
        name = _text(o.get("name"))
        if not COMMAND_NAME.match(name) or name != name.lower():
            reasons.append(f"{where}.options[{name!r}]: name must be 1-32 lowercase word chars")
        if not 1 <= len(_text(o.get("description"))) <= 100:
            reasons.append(f"{where}.options[{name!r}].description: length must be 1..100")
        reasons.extend(_check_localizations(o, f"{where}.options[{name!r}]", named=True))
        for choice in o.get("choices") or []:
            reasons.extend(_check_localizations(choice, f"{where}.options[{name!r}].choice", named=False))
        if len(o.get("choices") or []) > 25:
            reasons.append(f"{where}.options[{name!r}].choices: > 25")
        if o.get("choices") and o.get("autocomplete"):
            reasons.append(f"{where}.options[{name!r}]: autocomplete cannot have choices")
        if o.get("type") in (1, 2):
            reasons.extend(_check_options(o.get("options") or [], f"{where}.{name}"))
        elif o.get("required"):
            if seen_optional:
                reasons.append(f"{where}.options[{name!r}]: required option after an optional one")
        else:
            seen_optional = True
    return reasons


def check_commands(commands: list[dict[str, Any]]) -> list[str]:
    """Bulk overwrite rules: names, descriptions, option order, size, uniqueness per type."""
    reasons = []
    slash = [c for c in commands if c.get("type", 1) == 1]
    if len(slash) > COMMANDS_PER_SCOPE_MAX:
        reasons.append(f"{len(slash)} chat-input commands > {COMMANDS_PER_SCOPE_MAX}")
    keys = [(c.get("type", 1), c.get("name")) for c in commands]
    if len(keys) != len(set(keys)):
        reasons.append("duplicate command names")
    for c in slash:
        name = _text(c.get("name"))
        where = f"command {name!r}"
        if not COMMAND_NAME.match(name) or name != name.lower():
            reasons.append(f"{where}: name must be 1-32 lowercase word chars")
        if not 1 <= len(_text(c.get("description"))) <= 100:
            reasons.append(f"{where}: description length must be 1..100")
        reasons.extend(_check_localizations(c, where, named=True))
        reasons.extend(_check_options(c.get("options") or [], where))
        total = len(name) + len(_text(c.get("description"))) + sum(
            _option_chars(o) for o in c.get("options") or [])
        if total > COMMAND_TOTAL_MAX:
            reasons.append(f"{where}: {total} characters > {COMMAND_TOTAL_MAX} in total")
    return reasons
