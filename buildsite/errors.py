"""The one error the build reports: a message that names the file or fetch and what to do."""


class BuildError(Exception):
    """A build step failed; the message says which file or fetch and what to do."""
