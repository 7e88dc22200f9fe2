"""Rebuild the packaged data: ``ma-proposals build`` on the packaged authoring file.

Usage::

    python curation/build.py            # rewrite every generated file
    python curation/build.py --check    # exit 1 if a packaged file is stale

The same as ``ma-proposals build src/ma_proposals/data/ma-huateng-2020.toml
--schemas [--check]``, which is what CI runs.
"""

import sys
from pathlib import Path

from ma_proposals.cli import main

DATA = Path(__file__).resolve().parent.parent / "src" / "ma_proposals" / "data"

if __name__ == "__main__":
    sys.exit(
        main(["build", str(DATA / "ma-huateng-2020.toml"), "--schemas", *sys.argv[1:]])
    )
