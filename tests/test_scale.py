"""Work that must grow linearly with the input, checked by counting work rather than timing."""

from __future__ import annotations

from pic.core import analysis
from pic.core.load import DataTree, builtin_root


def test_many_close_names_build_the_gap_vocabulary_once(monkeypatch):
    framework = DataTree(builtin_root()).framework("pic")
    calls = []
    real = analysis._vocabulary

    def counting(fw):
        calls.append(fw.id)
        return real(fw)

    monkeypatch.setattr(analysis, "_vocabulary", counting)
    names = [c for c in framework.criteria] * 5  # hundreds of --close names
    choices = analysis.resolve_gaps(framework, names)
    assert len(choices) == len(names) and calls == ["pic"]
    assert [c.criteria[0].id for c in choices[:3]] == list(framework.criteria)[:3]
