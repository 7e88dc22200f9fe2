"""Run the command line: ``python -m ma_proposals``."""

import sys

from .cli import main

sys.exit(main())
