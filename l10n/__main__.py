import sys

from .rxcache import install

if not {"--version", "-h", "--help"} & set(sys.argv[1:]):
    install()  # before the command line's own imports compile their patterns (l10n.rxcache)

from .cli import main  # noqa: E402

sys.exit(main())
