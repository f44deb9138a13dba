"""Large sets are checked in forked workers; the report must be the same as checking in one
process, positions of cross-file problems included."""

import multiprocessing

import pytest

from casebook import validate
from casebook.validate import Schema, validate_paths
from conftest import EXAMPLES, REPO

EXAMPLE = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="forked workers are only used where fork exists",
)
def test_parallel_and_sequential_reports_are_identical(tmp_path, monkeypatch):
    folder = tmp_path / "case_studies"
    folder.mkdir()
    for index in range(validate.PARALLEL_FROM + 10):
        case_id = f"case-{index:04d}"
        text = EXAMPLE.replace("id: riverton-listening", f"id: {case_id}")
        if index == 7:
            text = text.replace("related: []", "related: [case-9999]")
        if index == 8:
            text = text.replace("phases: [preparation]", "phases: [prevnetion]")
        (folder / f"{case_id}.yml").write_text(text, encoding="utf-8")
    schema = Schema.load(REPO / "schema")
    parallel = validate_paths([folder], schema, root=tmp_path)
    monkeypatch.setattr(validate, "PARALLEL_FROM", 10**9)
    sequential = validate_paths([folder], schema, root=tmp_path)
    assert [str(p) for p in parallel.problems] == [str(p) for p in sequential.problems]
    assert [d.data for d in parallel.documents] == [d.data for d in sequential.documents]
    messages = [str(p) for p in parallel.problems]
    assert any(
        m.startswith("case_studies/case-0007.yml:56:11: $.related[0]: no case study")
        for m in messages
    ), messages
    assert any("case-0008.yml" in m and "Did you mean 'prevention'?" in m for m in messages)
