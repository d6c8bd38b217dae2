"""Entry point for cron or a systemd timer: run the batch from the project folder.

    python pipeline/run_nightly.py            # same as: l10n run --config pipeline/nightly.toml
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> int:
    os.chdir(PROJECT)
    sys.path.insert(0, str(PROJECT))
    from l10n.cli import main as cli_main

    return cli_main(["run", "--config", "pipeline/nightly.toml", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
