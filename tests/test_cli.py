"""The `normalizer` command as a user runs it, on the seed pages."""
import gzip
import json
import re
import shutil
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from normalizer import __version__, normalize
import normalizer.cli
from normalizer.cli import app
from normalizer.validate import schema_problems
from test_record import ARTICLE_HTML

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_001 = SEEDS / "001_fc8052ad2b75909a.txt"


def run(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def archive(tmp_path) -> Path:
    folder = tmp_path / "archive"
    result = run("clean", SEEDS, "--archive", folder)
    assert result.exit_code == 0, result.output
    return folder


def test_clean_prints_what_it_read_and_wrote(archive):
    result = run("clean", SEEDS, "--archive", archive)
    assert result.exit_code == 0
    assert "read 5 inputs: 5 records (0 written: 0 new, 0 changed; 5 unchanged)" in result.stdout
    assert "languages: en 5" in result.stdout
    assert "unchanged, nothing written (still version 1)" in result.stdout


def test_clean_then_validate_passes(archive):
    result = run("validate", archive)
    assert result.exit_code == 0, result.output
    assert "1 version, 5 record files checked, all valid" in result.stdout


def test_validate_prints_each_problem_with_its_file_and_fails(archive):
    manifest = archive / "versions" / "000001.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "version": 3}))
    result = run("validate", archive)
    assert result.exit_code == 1
    assert f"{manifest}: says it is version 3, but is named 000001.json" in result.stdout


def test_export_writes_every_record_as_one_json_line(archive):
    result = run("export", "--archive", archive)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5 and [r["id"] for r in records] == sorted(r["id"] for r in records)
    assert all(schema_problems(r, "record.schema.json") == [] for r in records)


def test_export_as_text_to_a_file(archive, tmp_path):
    out = tmp_path / "seeds.txt"
    assert run("export", "--archive", archive, "--format", "text", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("### ") == 5
    for record in map(json.loads, run("export", "--archive", archive).stdout.splitlines()):
        assert f"### {record['id']} {record['source']['name']}\n" in text
        assert record["text"] in text


def test_export_refuses_an_unknown_format(archive):
    result = run("export", "--archive", archive, "--format", "xml")
    assert result.exit_code == 1 and "--format must be jsonl or text" in result.stderr


def test_show_finds_a_record_by_a_prefix_of_its_id(archive):
    record = normalize(SEED_001.read_bytes(), SEED_001.name)
    result = run("show", "--archive", archive, record["id"][:8])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["name"] == SEED_001.name


def test_show_says_when_no_record_has_the_id(archive):
    result = run("show", "--archive", archive, "ffffffffffff")
    assert result.exit_code == 1
    assert "no record with an id starting with 'ffffffffffff'" in result.stderr


def test_log_and_diff_after_a_second_run(archive, tmp_path):
    late = tmp_path / "late.txt"
    late.write_text(SEED_001.read_text() + "\nA line added later.\n")
    run("clean", late, "--archive", archive)
    log = run("log", "--archive", archive).stdout.splitlines()
    assert len(log) == 2
    assert log[1].startswith("version 2") and f"normalizer {__version__}" in log[1] and "6 records (+1 ~0 -0)" in log[1]
    diff = run("diff", "--archive", archive, 1, 2).stdout.splitlines()
    assert diff[0].startswith("+ ") and diff[0].endswith("late.txt")
    assert diff[-1] == "1 added, 0 removed, 0 changed, 5 unchanged"


def test_diff_names_the_fields_that_changed(archive, tmp_path):
    renamed = tmp_path / "renamed.txt"
    shutil.copy(SEED_001, renamed)
    run("clean", renamed, "--archive", archive)
    diff = run("diff", "--archive", archive, 1, 2).stdout.splitlines()
    assert diff[0].endswith("renamed.txt  (source)")


def test_diff_of_a_version_that_does_not_exist(archive):
    result = run("diff", "--archive", archive, 1, 7)
    assert result.exit_code == 1 and "no version 7 (versions: 1 to 1)" in result.stderr


def test_ctrl_c_in_the_middle_of_a_run_keeps_the_last_version(archive, tmp_path, monkeypatch):
    real_batch = normalizer.cli.normalize_batch_with_inputs

    def interrupted_after_one_record(documents, ctx, **options):
        results = real_batch(documents, ctx, **options)
        yield next(results)
        raise KeyboardInterrupt

    monkeypatch.setattr(normalizer.cli, "normalize_batch_with_inputs", interrupted_after_one_record)
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS, pages)
    for page in pages.iterdir():
        page.write_text(page.read_text() + "\nA late correction.\n")
    result = run("clean", pages, "--archive", archive)
    assert result.exit_code == 130
    assert "interrupted: the archive keeps its last complete version" in result.stderr
    assert not (archive / "LOCK").exists()
    assert sorted(p.name for p in (archive / "versions").iterdir()) == ["000001.json"]
    assert run("validate", archive).exit_code == 0


def test_ctrl_c_in_a_command_that_writes_nothing_says_only_interrupted(monkeypatch):
    """`explain` writes no archive: it has no version to keep, and says none."""
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(normalizer.cli, "run_steps", interrupted)
    result = run("explain", SEED_001)
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"


def test_rebuild_with_the_same_normalizer_changes_nothing(archive):
    result = run("rebuild", "--archive", archive)
    assert result.exit_code == 0
    assert "5 unchanged" in result.stdout and "nothing written" in result.stdout


def test_clean_reads_stdin(tmp_path):
    result = run("clean", "-", "--archive", tmp_path / "a", input=SEED_001.read_bytes())
    assert result.exit_code == 0
    record = json.loads(run("export", "--archive", tmp_path / "a").stdout)
    assert record["source"]["name"] == "<stdin>"
    assert record["id"] == normalize(SEED_001.read_bytes())["id"]


@pytest.mark.parametrize("page, fmt", [(SEED_001.read_bytes(), "text"), (ARTICLE_HTML.encode(), "html")], ids=["text", "html"])
def test_gzipped_stdin_is_decompressed_as_a_gz_file_is(tmp_path, page, fmt):
    """`cat page.txt.gz | normalizer clean -`: stdin has no name to say it is gzipped, its magic number does."""
    result = run("clean", "-", "--archive", tmp_path / "a", input=gzip.compress(page))
    assert result.exit_code == 0 and "0 rejected" in result.stdout, result.output
    record = json.loads(run("export", "--archive", tmp_path / "a").stdout)
    assert record["id"] == normalize(page, format=fmt)["id"]
    assert record["source"]["format"] == fmt
    assert record["text"] == normalize(page, format=fmt)["text"]


def test_a_truncated_gzip_on_stdin_is_rejected_as_corrupt(tmp_path):
    result = run("clean", "-", "--archive", tmp_path / "a", input=gzip.compress(SEED_001.read_bytes())[:300])
    assert result.exit_code == 0
    assert "rejected <stdin>: corrupt (not a complete gzip file (Compressed file ended before the end-of-stream " \
           "marker was reached))" in result.stderr


def test_clean_reads_gzipped_text_and_html(tmp_path):
    pages = tmp_path / "pages"
    (pages / "world").mkdir(parents=True)
    (pages / "world" / "001.txt.gz").write_bytes(gzip.compress(SEED_001.read_bytes()))
    (pages / "world" / "syria.html.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    (pages / "notes.md").write_text("not an input")
    (pages / ".cache").mkdir()
    (pages / ".cache" / "copy.txt").write_bytes(SEED_001.read_bytes() + b"\nhidden")
    assert run("clean", pages, "--archive", tmp_path / "a").exit_code == 0
    records = {r["source"]["name"]: r for r in map(json.loads, run("export", "--archive", tmp_path / "a").stdout.splitlines())}
    assert sorted(records) == ["world/001.txt.gz", "world/syria.html.gz"]
    assert records["world/001.txt.gz"]["id"] == normalize(SEED_001.read_bytes())["id"]
    assert records["world/syria.html.gz"]["source"]["format"] == "html"


def test_identical_inputs_are_one_record_under_the_first_name(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEED_001, pages / "b.txt")
    shutil.copy(SEED_001, pages / "a.txt")
    result = run("clean", pages, "--archive", tmp_path / "a")
    assert "1 record (" in result.stdout and "1 duplicate," in result.stdout
    manifest = json.loads((tmp_path / "a" / "versions" / "000001.json").read_text())
    assert [e["name"] for e in manifest["records"]] == ["a.txt"]
    assert manifest["duplicates"] == [{"name": "b.txt", "id": manifest["records"][0]["id"]}]


def test_explain_marks_every_line_kept_or_removed_with_its_reason():
    result = run("explain", SEED_001)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "\x1b[" not in result.stdout  # no colour when the output is not a terminal
    assert lines[0].startswith("001_fc8052ad2b75909a.txt (text, utf-8), as read:")
    labelled = [m.groups() for m in map(re.compile(r"^ *\d+  (\S*) +(.*)$").match, lines[1:]) if m]
    assert ("comment_prompt", "Comments (0)") in labelled
    assert sum(1 for label, _ in labelled if label == "kept") >= 5
    record = normalize(SEED_001.read_bytes())
    assert f"language:  {record['language']} (confidence {record['language_confidence']})" in lines


def test_explain_reads_a_page_on_stdin_as_clean_does():
    """`curl ... | normalizer explain -`, as `clean -`: gzipped or not, the same lines as the file's."""
    from_file = run("explain", SEED_001).stdout.splitlines()
    for given in (SEED_001.read_bytes(), gzip.compress(SEED_001.read_bytes())):
        result = run("explain", "-", input=given)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0] == from_file[0].replace("001_fc8052ad2b75909a.txt", "<stdin>")
        assert lines[1:] == from_file[1:]


def test_explain_of_a_file_that_is_not_there(tmp_path):
    result = run("explain", tmp_path / "nothing.txt")
    assert result.exit_code == 1
    assert "nothing.txt: rejected: unreadable (no such file or directory)" in result.stderr


def test_unlock_an_archive_that_is_not_locked(archive):
    result = run("unlock", "--archive", archive)
    assert result.exit_code == 0 and "not locked" in result.stdout


def test_eval_needs_a_benchmark_folder(tmp_path):
    result = run("eval", tmp_path / "no-bench")
    assert result.exit_code == 1 and "no benchmark here" in result.stderr


def test_eval_prints_the_table_and_fails_below_the_floor(tmp_path, monkeypatch):
    # the scorer is normalizer.evaluate's job; here, only how the command calls it
    calls = []
    scorer = types.ModuleType("normalizer.evaluate")
    scorer.run_eval = lambda bench, *, only=None, predictions_out=None: calls.append((bench, only, predictions_out)) or {"all": 0.5}
    scorer.format_table = lambda table: f"table {table}"
    scorer.check_floor = lambda table, floor_file: [f"all: 0.5 < {floor_file.read_text()}"]
    monkeypatch.setitem(sys.modules, "normalizer.evaluate", scorer)
    (tmp_path / "floor.json").write_text("0.9")
    passed = run("eval", tmp_path, "--only", "^wet/", "--predictions", tmp_path / "p.jsonl")
    assert passed.exit_code == 0 and passed.stdout == "table {'all': 0.5}\n"
    assert calls == [(tmp_path, "^wet/", tmp_path / "p.jsonl")]
    failed = run("eval", tmp_path, "--floor", tmp_path / "floor.json")
    assert failed.exit_code == 1 and "below the floor: all: 0.5 < 0.9" in failed.stderr


def test_eval_refuses_a_broken_regular_expression(tmp_path):
    result = run("eval", tmp_path, "--only", "(wet")
    assert result.exit_code == 1 and "--only '(wet' is not a regular expression" in result.stderr


def test_the_version_option():
    assert run("--version").stdout == f"normalizer {__version__}\n"
