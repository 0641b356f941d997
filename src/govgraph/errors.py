"""The errors govgraph reports to people: each names what is wrong and where."""

from pathlib import Path


class GovgraphError(Exception):
    """A failure to report as one clear line, without a traceback."""


class InputError(GovgraphError):
    """Bad input: names the file, the line when known, and what is wrong."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")
