"""What several test files need to run the CLI and read back what it stored."""
import gzip
import json

from typer.testing import CliRunner

from normalizer.cli import app


def run(*args):
    """The CLI's result for ``args``; a traceback or an unexpected exception fails the test."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def stored(tmp_path) -> dict:
    """The latest version's records by name, each with its stored raw input as ``raw``."""
    archive = tmp_path / "archive"
    manifest = json.loads(sorted((archive / "versions").iterdir())[-1].read_text())
    records = {}
    for entry in manifest["records"]:
        record = json.loads((archive / "objects/records" / entry["record"][:2] / f"{entry['record']}.json").read_text())
        record["raw"] = gzip.decompress((archive / "objects/raw" / entry["raw"][:2] / f"{entry['raw']}.gz").read_bytes())
        records[entry["name"]] = record
    return records
