"""Exchange formats for people outside the pipeline: XLIFF 2.0 and 1.2 for CAT tools.

``common`` holds the model both versions share (units, states, inline codes),
``export`` builds it from a PO catalog, ``xliff2``/``xliff12`` write and read the two
versions, ``merge`` applies a returned file to its catalog under the project's rules and
``xliff`` ties them together for ``l10n xliff``.
"""
