#!/usr/bin/env python3
"""Entry point: `python bot.py` (Discord, or the console without a token), `console`, `ask`, `digest`.

Everything lives in ``bot/cli.py``; run `python bot.py --help` for the commands.
"""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
