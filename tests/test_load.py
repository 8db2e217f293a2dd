"""The strict YAML loader: every value stays text, every problem has a line, YAML's traps are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.sheet.load import load_yaml_file


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "sheet.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def error_of(path: Path) -> str:
    with pytest.raises(FactsheetError) as caught:
        load_yaml_file(path)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    return f"{problem.location.line}:{problem.location.column}: {problem.message}"


def test_scalars_stay_text_until_the_schema_types_them(tmp_path: Path) -> None:
    loaded = load_yaml_file(write(tmp_path, "a: NO\nb: 3.10\nc: 01234\nd: 12:30\ne: 2024-02-30\nf:\n"))
    assert loaded.data == {"a": "NO", "b": "3.10", "c": "01234", "d": "12:30", "e": "2024-02-30", "f": None}


def test_positions_of_keys_and_values_are_kept(tmp_path: Path) -> None:
    loaded = load_yaml_file(write(tmp_path, "title: x\nquotes:\n  - text: hello\n    speaker: A\n"))
    assert loaded.key_positions[("quotes", 0, "speaker")] == (4, 5)
    assert loaded.value_positions[("quotes", 0, "text")] == (3, 11)
    assert str(loaded.locate(("quotes", 0, "missing"))).endswith("sheet.yaml:3:5")


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "title: a\nquotes:\n  - text: one\n    speaker: B\n    text: two\n")
    assert error_of(path) == "5:5: duplicate key 'text' (first at line 3)"


def test_hashtag_after_a_space_would_become_a_comment(tmp_path: Path) -> None:
    path = write(tmp_path, "heading: Join #BantheScan\n")
    assert error_of(path) == "1:15: '#BantheScan' would be dropped: YAML reads ' #' as the start of a comment"


def test_ordinary_comments_are_fine(tmp_path: Path) -> None:
    assert load_yaml_file(write(tmp_path, "url: https://example.org  # PLACEHOLDER\n")).data == {
        "url": "https://example.org"
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: &x 1\nb: *x\n", "1:4: YAML anchors (&name) are not allowed"),
        ("a: !!int 3\n", "1:4: YAML tags (tag:yaml.org,2002:int) are not allowed"),
        ("", "1:1: this file is empty"),
        ("# only a comment\n", "1:1: this file is empty"),
        ("a: 1\n---\nb: 2\n", "2:1: this file holds more than one YAML document"),
        ("- a\n- b\n", "1:1: the top level of this file must be a set of 'key: value' fields"),
        ("a:\n\t- b\n", "2:1: YAML syntax: found character '\\t' that cannot start any token"),
        ("title: a: b\n", "1:9: YAML syntax: mapping values are not allowed here"),
    ],
)
def test_yaml_traps_are_refused_with_a_line(tmp_path: Path, content: str, expected: str) -> None:
    assert error_of(write(tmp_path, content)) == expected


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    assert load_yaml_file(write(tmp_path, "\ufefftitle: Café\n".encode())).data == {"title": "Café"}


def test_latin1_is_refused_at_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "title: ok\nsubtitle: caf\xe9\n".encode("latin-1"))
    assert error_of(path) == "2:14: this file is not valid UTF-8 (byte 0xe9 here)"


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "title: ok\n".encode("utf-16"))
    assert error_of(path) == "1:1: this file is saved as UTF-16; factsheet reads UTF-8 only"
