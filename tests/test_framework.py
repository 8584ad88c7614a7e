"""The PIC framework as data: its shape and arithmetic."""

from __future__ import annotations


def test_pic_has_six_sections_and_41_components_of_2_5(tree):
    fw = tree.framework("pic")
    assert [s.id for s in fw.sections] == ["1", "2", "3", "4", "5", "6"]
    assert [s.max for s in fw.sections] == [10, 25, 15, 10, 27.5, 15]
    assert [len(s.components) for s in fw.sections] == [4, 10, 6, 4, 11, 6]
    assert fw.max_score == 102.5
    for s in fw.sections:
        for c in s.components:
            assert c.max == 2.5
            assert sum(k.points for k in c.criteria) == 2.5
            assert all(k.points > 0 and (k.points * 2).is_integer() for k in c.criteria)


def test_gap_labels_are_unique_vocabulary(tree):
    fw = tree.framework("pic")
    labels = [k.gap for k in fw.criteria.values()]
    assert len(labels) == len(set(labels))


def test_grade_scale_is_raw_points(tree):
    fw = tree.framework("pic")
    assert [(b.grade, b.min) for b in fw.grade_scale] == [("A", 90), ("B", 80), ("C", 70), ("D", 60), ("F", 0)]
    assert fw.grade_for(91) == "A"  # 88.8 % of 102.5, an A all the same
    assert fw.grade_for(89.5) == "B"
    assert fw.grade_for(59.5) == "F"
    assert fw.first_year == 2011 and fw.last_year == 2019


def test_shipped_data_validates(pic):
    result = pic("validate")
    assert result.exit_code == 0, result.stdout
    assert "files valid" in result.stdout


def test_sections_carry_the_card_headings_verbatim(tree):
    """The headings printed on the 2019 Mississippi card (shared/seeds), so a user can match a pic
    section to the card; pic's own short titles stay beside them."""
    fw = tree.framework("pic")
    assert [s.card_title for s in fw.sections] == [
        "Criminalization of Domestic Minor Sex Trafficking",
        "Criminal Provisions for Demand",
        "Criminal Provisions for Traffickers",
        "Criminal Provisions for Facilitators",
        "Protective Provisions for the Child Victims",
        "Criminal Justice Tools for Investigation and Prosecution",
    ]
    assert all(s.title and s.title != s.card_title for s in fw.sections)


def test_criteria_after_the_2019_card_review(tree):
    """Issue 9: nothing counted twice. 1.2.b and 5.1.b (which re-credited the no-force point of
    1.1.b) and 6.5.b (the luring offence a third time) are gone; 6.4.b (the decoy defence under a
    CSEC law) is new; 6.5 asks about online investigations, the weakness the card names."""
    fw = tree.framework("pic")
    assert len(fw.criteria) == 86
    assert not {"1.2.b", "5.1.b", "6.5.b"} & set(fw.criteria)
    assert "6.4.b" in fw.criteria and fw.criteria["6.4.b"].gap.lower() == "decoy defence open in csec cases"
    assert [c.id for c in fw.components["6.5"].criteria] == ["6.5.a"]
    assert fw.criteria["6.5.a"].gap.lower() == "online investigations not expressly authorised"
    assert fw.criteria["5.10.b"].gap.lower() == "restitution not mandatory for csec victims"
    assert all(c.confidence in ("topic-confirmed", "reconstructed") for c in fw.components.values())
    assert [c.id for c in fw.components.values() if c.confidence == "topic-confirmed"] == ["1.1", "1.2", "1.3"]
