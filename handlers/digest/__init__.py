"""The digest: what new articles add, posted once to each target (the servers' channels, the terminal).

- ``entries``: what an article says and what it adds to the fact base (no Discord);
- ``send``: record before send, nonce, confirm — exactly once per message and target;
- ``prepare`` and ``run``: one scan (compile, each target's first digest, what to post, deliver);
- ``cli``: the terminal entry points (`bot.py digest`, the console's job).

The Discord adapter is ``bot/cogs/digest.py`` (scheduler and commands) with ``bot/digest_embeds.py``.
"""

from handlers.digest.entries import AcquisitionLine, BudgetLine, DigestEntry, PartnerLine, render_text
from handlers.digest.run import TERMINAL, DigestResult, DigestRunner, StableCheck, Target, run_digest
from handlers.digest.send import Deliverer, Outgoing, describe_error, plan

__all__ = [
    "TERMINAL", "AcquisitionLine", "BudgetLine", "Deliverer", "DigestEntry", "DigestResult", "DigestRunner",
    "Outgoing", "PartnerLine", "StableCheck", "Target", "describe_error", "plan", "render_text", "run_digest",
]
