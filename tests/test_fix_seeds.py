"""`reflingo fix --write` on a copy of the seeds: fixed findings go, nothing new comes, and a
second run changes nothing."""

from __future__ import annotations

import json
import shutil

from reflingo.cli import main


def _check(root, out):
    main(["check", "--no-cache", "--no-progress", "--format", "json", "-o", str(out), str(root)])
    return {(f["file"].rsplit("content", 1)[-1], f["line"], f["code"]): f
            for f in json.loads(out.read_text(encoding="utf-8"))}


def test_fix_write_round_trip(tmp_path, content_dir, capsys):
    root = tmp_path / "content"
    shutil.copytree(content_dir, root)
    before = _check(root, tmp_path / "before.json")
    fixable = {k for k, f in before.items() if f["fix"]}
    # replacements, counted by line: one page-wide fix (bilingual markup) replaces many lines
    replacements = sum(1 + len(f["fix"].get("also", ())) for f in before.values() if f["fix"])
    assert replacements > 50

    assert main(["fix", "--write", "--no-cache", "--no-progress", str(root)]) == 0
    after = _check(root, tmp_path / "after.json")
    assert not fixable & set(after)                 # every fixed finding is gone
    assert set(after) <= set(before)                # and none is new
    assert all(f["fix"] is None for f in after.values())

    snapshot = {p: p.read_bytes() for p in root.rglob("*.md")}
    capsys.readouterr()
    assert main(["fix", "--write", "--no-cache", "--no-progress", str(root)]) == 0
    assert "fixed 0 findings" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == snapshot


def test_fixed_pages_keep_their_api_facts(tmp_path, content_dir):
    from reflingo.run import load_corpus
    root = tmp_path / "content"
    shutil.copytree(content_dir, root)
    main(["fix", "--write", "--no-cache", "--no-progress", str(root)])
    ru = load_corpus([str(root)]).item("IMAPISession::Logoff").pages["ru-RU"]
    assert [p.name for p in ru.parameters] == ["ulUIParam", "ulFlags", "ulReserved"]
    assert [p.direction_tag for p in ru.parameters] == ["[in]", "[in]", "[in]"]
    assert ru.front.title == "IMAPISessionLogoff"
    pt = (root / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.md").read_text(encoding="utf-8")
    assert "data-ttu-id" not in pt and "sxs-lookup" not in pt
