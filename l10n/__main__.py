import sys

from . import codecache, rxcache

if not {"--version", "-h", "--help"} & set(sys.argv[1:]):
    # before the command line's own imports compile their patterns (l10n.rxcache) and
    # define their dataclasses (l10n.codecache)
    rxcache.install()
    codecache.install()

from .cli import main  # noqa: E402

sys.exit(main())
