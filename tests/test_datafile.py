"""The parse cache: it only ever saves time. An edited file is never served stale, a
cached file's problems keep their line numbers, and a cache that cannot be used is
skipped without a word."""

from __future__ import annotations

import os

import pytest

from pic.core import datafile
from pic.core.errors import DataError


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder, and files under tmp_path counted as pic's own data (only those are cached)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PIC_CACHE_DIR", str(folder))
    monkeypatch.setattr(datafile, "_ships_with_pic", lambda path: True)
    return folder


def test_only_pic_own_data_is_cached(tmp_path, monkeypatch):
    from pic.core.paths import builtin_root

    folder = tmp_path / "cache"
    monkeypatch.setenv("PIC_CACHE_DIR", str(folder))
    users = tmp_path / "a.yaml"
    users.write_text("a: 1\n", encoding="utf-8")
    datafile.load_file(users)
    assert not folder.exists()  # a user's own tree never fills the cache
    datafile.load_file(builtin_root() / "frameworks" / "pic.yaml")
    assert len(list(folder.glob("*.json"))) == 1


def test_a_second_load_comes_from_the_cache_and_equals_the_parse(tmp_path, cache):
    f = tmp_path / "a.yaml"
    f.write_text("a: 1\nb: [x, 2.5]\n", encoding="utf-8")
    first = datafile.load_file(f)
    assert len(list(cache.glob("*.json"))) == 1
    second = datafile.load_file(f)
    assert second.data == first.data == {"a": 1, "b": ["x", 2.5]}
    assert second.marks == first.marks  # parsed again only when asked for


def test_an_edited_file_is_never_served_stale(tmp_path, cache):
    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    datafile.load_file(f)
    stat = os.stat(f)
    f.write_text("a: 2\n", encoding="utf-8")
    os.utime(f, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: only the text differs
    assert datafile.load_file(f).data == {"a": 2}


def test_a_cached_file_still_locates_its_problems(tmp_path, cache):
    f = tmp_path / "a.yaml"
    f.write_text("top:\n  inner: 1\n  other: 2\n", encoding="utf-8")
    datafile.load_file(f)
    doc = datafile.load_file(f)
    problem = doc.problem(("top", "other"), "is wrong")
    assert (problem.line, problem.column) == (3, 3)


def test_files_that_do_not_parse_are_not_cached(tmp_path, cache):
    f = tmp_path / "bad.yaml"
    f.write_text("a: [1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError):
            datafile.load_file(f)
    assert not list(cache.glob("*.json")) if cache.exists() else True


def test_an_unusable_cache_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(datafile, "_ships_with_pic", lambda path: True)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PIC_CACHE_DIR", str(blocker / "cache"))
    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    assert datafile.load_file(f).data == {"a": 1}


def test_a_corrupt_cache_entry_is_ignored(tmp_path, cache):
    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    datafile.load_file(f)
    (entry,) = cache.glob("*.json")
    entry.write_text('{"key": "something else", "data": {"a": 666}}', encoding="utf-8")
    assert datafile.load_file(f).data == {"a": 1}


@pytest.mark.parametrize("value", ["off", ""])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, value):
    monkeypatch.setenv("PIC_CACHE_DIR", value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    assert datafile.load_file(f).data == {"a": 1}
    assert datafile.cache_dir() is None and not (tmp_path / "xdg").exists()
