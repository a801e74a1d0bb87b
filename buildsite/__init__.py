"""The build of the static site, one concern per module: pins (what Pyodide is), fetch and verify
(getting it), wheel and bytecode (the engine), bundles and pages (the page's scripts and HTML),
offline (the single-file page), site (the whole build), server and cli. build.py is the entry."""
