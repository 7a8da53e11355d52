"""`python -m bot`: the same as the `stash` command."""

import sys

from bot.cli import main

sys.exit(main())
