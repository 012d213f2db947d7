"""`python -m bot` does what the `kinerja-bot` console script does."""

from bot.cli import main

raise SystemExit(main())
