"""The report's plain data: facts filed per partner, grouped, never summed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from coprod.model import Commitment, Document
from coprod.views.report import UNNAMED, build_report, group
from tests.samples import DENMARK, filled_store, span


def test_each_partner_gets_its_own_facts(tmp_path: Path) -> None:
    with filled_store(tmp_path / "ledger.db") as store:
        report = build_report(store)
    by_code = {p.partner: p for p in report.partners}
    assert list(by_code) == ["DNK", "LTU", "UKR"]
    assert [g.key for g in by_code["DNK"].commitments] == [("ukrainian_industry", "allocated")]
    assert [g.key for g in by_code["DNK"].agreements] == [("signed", "DNK")]
    assert [r["share_pct"] for r in by_code["LTU"].gdp_pledges] == [0.25]
    assert [r["metric"] for r in by_code["UKR"].targets] == ["funding"]
    assert by_code["UKR"].agreements == []  # filed under the partner, not Ukraine
    assert report.counts.documents == 3
    json.dumps(report.as_dict())  # plain data all the way down


def test_a_joint_sum_is_listed_under_each_funder_and_no_funder_is_unnamed(tmp_path: Path) -> None:
    doc = Document(id="joint", text="Denmark and Norway will allocate €178 million. Also €5m.")
    joint = Commitment(funder=["DNK", "NOR"], amount=178e6, currency="EUR", **span(doc, doc.text))
    nobody = replace(joint, funder=[], amount=5e6)
    with filled_store(tmp_path / "ledger.db", documents=()) as store:
        store.add_document(doc)
        store.add_facts(doc.sha256, [joint, nobody])
        partners = [p.partner for p in build_report(store).partners]
    assert partners == ["DNK", "NOR", UNNAMED]


def test_groups_follow_the_vocabulary_with_unstated_last() -> None:
    rows = [{"stage": s} for s in (None, "signed", "zzz", "planned", "signed")]
    groups = group(rows, ("stage", ("planned", "negotiating", "signed")))
    assert [(g.key, len(g.facts)) for g in groups] == [
        (("planned",), 1),
        (("signed",), 2),
        (("zzz",), 1),
        ((None,), 1),
    ]


def test_an_empty_ledger_has_an_empty_report(tmp_path: Path) -> None:
    with filled_store(tmp_path / "ledger.db", documents=()) as store:
        assert build_report(store).partners == []


def test_a_republished_story_is_filed_once_and_listed_with_its_copies(tmp_path: Path) -> None:
    copy = replace(DENMARK, id="dk-copy", url="https://other.example/dk", text=DENMARK.text + " ")
    with filled_store(tmp_path / "ledger.db", documents=(DENMARK, copy)) as store:
        store.mark_document(copy.sha256, near_duplicate_of=DENMARK.sha256)
        report = build_report(store)
    assert [p.partner for p in report.partners] == ["DNK"]  # the copy's target is not filed
    assert [(r.url, r.copies) for r in report.republished] == [
        (DENMARK.url, ["https://other.example/dk"])
    ]
    assert json.loads(json.dumps(report.as_dict()))["republished"][0]["title"] == DENMARK.title
