"""Trigger matching equals spaCy's Matcher; modality, negation, quantities; the gold-set scores do not regress."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from dkg.extraction import extract
from dkg.extraction.pipeline import get_nlp
from dkg.extraction.triggers import find_triggers, spacy_matcher

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "sentences.yaml"
NEW_BATCHES_FLOOR = 0.50  # the thirteenth to eighteenth dev batches together


def facts(text: str, published: str = "2016-10-10") -> list[dict[str, Any]]:
    return extract(text, published=published)["facts"]


def test_indexed_matcher_equals_spacy_matcher() -> None:
    texts = [item["text"] for item in yaml.safe_load(GOLD.read_text(encoding="utf-8"))["items"]]
    for seed in (ROOT.parent / "shared" / "seeds" / "aleppo-2016.txt", ROOT / "examples" / "aleppo-2016.txt"):
        if seed.exists():
            texts.append(seed.read_text(encoding="utf-8"))
    nlp = get_nlp()
    for text in texts:
        doc = nlp(text)
        ours = find_triggers(doc)
        ref = sorted(
            {(doc.vocab.strings[m], s, e) for m, s, e in spacy_matcher()(doc)},
            key=lambda m: (m[1], -(m[2] - m[1]), m[0]),
        )
        assert ours == ref, text


@pytest.mark.parametrize(
    "text,type_,modality,negated",
    [
        ("Russia vetoed the draft.", "Veto", "completed", False),
        ("Russia did not veto the draft.", "Veto", "completed", True),
        ("Russia will veto the draft.", "Veto", "planned", False),
        ("Russia is considering a veto of the draft.", "Veto", "considered", False),
        ("Rebels failed to capture Aleppo.", "TerritorialControlChange", "failed", False),
        ("Rebels reportedly captured Aleppo.", "TerritorialControlChange", "reported", False),
        ("Russia announced plans for a military base in Syria.", "MilitaryBaseAnnouncement", "announced", False),
        ("Rebels are moving swiftly towards Aleppo.", "MilitaryMovement", "reported", False),  # ongoing
        ("Rebels moved towards Aleppo.", "MilitaryMovement", "completed", False),
        ("Britain is preparing a draft resolution on Yemen.", "ResolutionDrafted", "planned", False),
    ],
)
def test_modality_and_negation(text: str, type_: str, modality: str, negated: bool) -> None:
    got = [f for f in facts(text) if f["type"] == type_]
    assert got, text
    assert got[0]["modality"] == modality
    assert bool(got[0].get("negated", False)) is negated


def test_quantities_with_qualifier_and_breakdown() -> None:
    cr = [f for f in facts("More than 120 people were killed in Aleppo, 30 of them children.") if
          f["type"] == "CasualtyReport"][0]  # fmt: skip
    assert cr["properties"]["casualtyCount"] == 120
    assert cr["properties"]["countQualifier"] == "MoreThan"
    assert cr["breakdown"] == [{"casualtyCount": 30, "victimCategory": "Children"}]
    assert cr["place"] == "place/aleppo"


def test_passive_voice_and_counterpart() -> None:
    veto = [f for f in facts("The text was vetoed by China on Saturday.") if f["type"] == "Veto"][0]
    assert veto["agent"] == "actor/china"
    assert veto["date"] == "2016-10-08"
    meet = [f for f in facts("Hollande will meet his Russian counterpart in Paris.") if f["type"] == "Meeting"][0]
    assert set(meet["participant"]) == {"actor/francois-hollande", "actor/vladimir-putin"}
    assert meet["modality"] == "planned"


def test_two_events_in_one_sentence() -> None:
    got = facts("Russia vetoed the resolution while China abstained.")
    assert {f["type"] for f in got} == {"Veto", "VotePosition"}


def test_deterministic() -> None:
    text = "Syrian and Russian warplanes bombed Aleppo on Sunday, killing 25 people."
    assert extract(text, published="2016-10-10") == extract(text, published="2016-10-10")


def one(text: str, type_: str) -> dict[str, Any]:
    """The only fact of a type that a text gives."""
    got = [f for f in facts(text) if f["type"] == type_]
    assert len(got) == 1, (text, facts(text))
    return got[0]


def _ids(v: Any) -> set[str]:
    return set(v) if isinstance(v, list) else {v} if v else set()


ICC, ICJ = "actor/international-criminal-court", "actor/international-court-of-justice"


@pytest.mark.parametrize(
    "text,agent,court,modality",
    [
        ("The case was sent to the ICC by Colombia.", "actor/colombia", ICC, "completed"),
        ("Costa Rica took the border dispute to the International Court of Justice.", "actor/costa-rica", ICJ,
         "completed"),
        ("The Dutch government lodged a case with the International Court of Justice.", "actor/netherlands", ICJ,
         "completed"),
        ("Gambia filed a case against Myanmar at the International Court of Justice.", "actor/gambia", ICJ,
         "completed"),
        ("Belgium requested that the International Criminal Court investigate the killings.", "actor/belgium", ICC,
         "completed"),
        ("Lebanon could ask the International Court of Justice to rule on the dispute.", "actor/lebanon", ICJ,
         "considered"),
        ("Morocco tried but failed to get the ICC to investigate.", "actor/morocco", ICC, "failed"),
        ("The ICC received a referral from Mali.", "actor/mali", ICC, "completed"),
    ],
)  # fmt: skip
def test_referral_phrase_families(text: str, agent: str, court: str, modality: str) -> None:
    ref = one(text, "Referral")
    assert (ref.get("agent"), ref["court"], ref["modality"]) == (agent, court, modality)


@pytest.mark.parametrize(
    "text",
    ["Turkey sent a delegation to the International Criminal Court's assembly.",
     "Russia took the fight to the rebels.", "Putin handed the letter to Erdogan."],
)  # fmt: skip
def test_no_referral_without_a_court_as_destination(text: str) -> None:
    assert not [f for f in facts(text) if f["type"] == "Referral"]


@pytest.mark.parametrize(
    "text,modality",
    [
        ("The Ukrainian proposal was not approved.", "completed"),
        ("Russia's resolution lost the vote on Tuesday.", "completed"),
        ("The resolution did not receive the required majority.", "completed"),
        ("The draft could fail to win enough support.", "considered"),
        ("The measure was rejected by the Security Council.", "completed"),
        ("The council rejected the draft.", "completed"),
        ("The proposal was turned down.", "completed"),
    ],
)
def test_resolution_failed_phrase_families(text: str, modality: str) -> None:
    got = facts(text)
    assert one(text, "ResolutionFailed")["modality"] == modality
    assert not [f for f in got if f["type"] in ("ResolutionAdopted", "Opposition")], got


@pytest.mark.parametrize(
    "text", ["Morocco tried but failed to get the ICC to investigate.", "Russia turned down the offer."]
)
def test_no_failed_draft_without_a_draft(text: str) -> None:
    assert not [f for f in facts(text) if f["type"] == "ResolutionFailed"]


@pytest.mark.parametrize(
    "text,agent,place,negated",
    [
        ("Rockets were fired at Damascus from rebel areas.", None, "place/damascus", False),
        ("Mortar fire from the rebels hit western Damascus.", "actor/syrian-rebels", "place/damascus", False),
        ("Government forces bombarded rebel-held districts of Aleppo.", "actor/syrian-government-forces",
         "place/aleppo", False),
        ("Government artillery shelled rebel positions in Aleppo.", "actor/syrian-government-forces", "place/aleppo",
         False),
        ("Rebel mortars hit a school in Damascus.", "actor/syrian-rebels", "place/damascus", False),
        ("Damascus was shelled by rebels.", "actor/syrian-rebels", "place/damascus", False),
        ("Syrian troops denied firing rockets at the town.", "actor/syrian-government-forces", None, True),
    ],
)  # fmt: skip
def test_shelling_phrase_families(text: str, agent: str | None, place: str | None, negated: bool) -> None:
    sh = one(text, "Shelling")
    assert (sh.get("agent"), sh.get("place"), bool(sh.get("negated"))) == (agent, place, negated)
    assert not [f for f in facts(text) if f["type"] == "AirStrike"]


def test_bombardment_by_aircraft_stays_an_air_strike() -> None:
    assert one("Russian jets bombarded Aleppo.", "AirStrike")["agent"] == "actor/russian-armed-forces"


@pytest.mark.parametrize(
    "text,agent,beneficiary,modality,negated",
    [
        ("Angola offered its support to Senegal.", "actor/angola", "actor/senegal", "completed", False),
        ("Kuwait could lend its support to the Qatari plan.", "actor/kuwait", "actor/qatar", "considered", False),
        ("Russia reaffirmed its backing for Damascus.", "actor/russia", "actor/syria", "completed", False),
        ("The Arab League came out in support of Egypt.", "actor/arab-league", "actor/egypt", "completed", False),
        ("Iran has long been a backer of Damascus.", "actor/iran", "actor/syria", "completed", False),
        ("Egypt is a close ally of Saudi Arabia.", "actor/egypt", "actor/saudi-arabia", "completed", False),
        ("Cuba stands firmly with Venezuela.", "actor/cuba", "actor/venezuela", "completed", False),
        ("Kuwait and Bahrain rallied behind Saudi Arabia.", ["actor/kuwait", "actor/bahrain"], "actor/saudi-arabia",
         "completed", False),
        ("The United States is not backing the Saudi plan.", "actor/united-states", "actor/saudi-arabia", "reported",
         True),
    ],
)  # fmt: skip
def test_support_phrase_families(text: str, agent: Any, beneficiary: str, modality: str, negated: bool) -> None:
    sup = one(text, "Support")
    assert _ids(sup["agent"]) == _ids(agent) and sup["beneficiary"] == beneficiary
    assert (sup["modality"], bool(sup.get("negated"))) == (modality, negated)


def test_vote_counts_without_a_total() -> None:
    assert one("Only four members voted for it.", "Vote")["properties"] == {"inFavourCount": 4}
    assert one("Four members abstained.", "Vote")["properties"] == {"abstainCount": 4}
    assert one("Twelve of the 15 members voted in favour.", "Vote")["properties"] == {
        "inFavourCount": 12, "memberCount": 15}  # fmt: skip


def test_nominal_subject_of_reported_speech_and_modal() -> None:
    off = one("Russian diplomats said the offensive on Aleppo would continue.", "MilitaryOffensive")
    assert "agent" not in off and off["modality"] == "planned" and off["place"] == "place/aleppo"
    assert one("It was the third veto Russia had used.", "Veto")["agent"] == "actor/russia"
    assert not [f for f in facts("Putin said the meeting with Erdogan would take place in Moscow.") if
                f["type"] == "TerritorialControlChange"]  # fmt: skip


def _load_eval() -> Any:
    spec = importlib.util.spec_from_file_location("extraction_eval", ROOT / "bench" / "extraction_eval.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the module runs
    spec.loader.exec_module(mod)
    return mod


def test_gold_set_size_and_coverage() -> None:
    ev = _load_eval()
    _pub, items = ev.load_gold(GOLD)
    assert len(items) >= 150
    types = {f["type"] for it in items for f in it["facts"]}
    assert {"Referral", "Veto", "Vote", "VotePosition", "ResolutionDrafted", "ResolutionFailed", "ResolutionAdopted",
            "Agreement", "Meeting", "MilitaryOffensive", "AirStrike", "Shelling", "MilitaryMovement",
            "TerritorialControlChange", "CasualtyReport", "MilitaryBaseAnnouncement", "Opposition", "Condemnation",
            "AidCooperation", "Statement"} <= types  # fmt: skip
    assert {it["split"] for it in items} == {"dev", "test"}


def _gold_parts(tmp_path: Path) -> tuple[Path, Path]:
    """The gold set cut at the thirteenth dev batch's header: the items before it, and the thirteenth to seventeenth
    batches (independent annotators, added at extractors 1.9.0 to 1.14.0; the rules are not yet at 0.95 on them)."""
    src = GOLD.read_text(encoding="utf-8")
    cut = next(i for i, line in enumerate(src.split("\n"))
               if line.startswith("# ---") and "thirteenth dev batch" in line)
    node = yaml.compose(src)
    items_node = next(v for k, v in node.value if k.value == "items")
    data = yaml.safe_load(src)
    old = [it for n, it in zip(items_node.value, data["items"], strict=True) if n.start_mark.line < cut]
    new = [it for n, it in zip(items_node.value, data["items"], strict=True) if n.start_mark.line > cut]
    paths = []
    for name, items in (("old.yaml", old), ("new.yaml", new)):
        paths.append(tmp_path / name)
        paths[-1].write_text(yaml.safe_dump({"published": data["published"], "items": items}), encoding="utf-8")
    return paths[0], paths[1]


def test_dev_half_does_not_regress(tmp_path: Path) -> None:
    ev = _load_eval()
    old, new = _gold_parts(tmp_path)
    res = ev.evaluate("dev", old)
    assert res.overall().f1 >= 0.95, ev.table(res, "dev")
    res = ev.evaluate("dev", new)  # extractor 1.9.0: 0.46, 1.10.0: 0.51; see docs/extraction.md "Fifteenth round"
    assert res.overall().f1 >= NEW_BATCHES_FLOOR, ev.table(res, "dev")


def test_aid_phrase_families() -> None:
    """Aid delivered with no giver named, pledged, blocked, and for people in a place (extractor 1.3.0)."""
    food = one("Food was delivered in Damascus on Friday.", "AidCooperation")
    assert food["place"] == "place/damascus" and "participant" not in food and food["date"] == "2016-10-07"
    assert one("Canada pledged new humanitarian aid for Iraq.", "AidCooperation")["modality"] == "announced"
    blocked = facts("Red Cross aid convoys were prevented from entering Aleppo.")
    assert [f["type"] for f in blocked] == ["AidCooperation"] and blocked[0]["modality"] == "failed"
    sent = one("Qatar sent medicine to families in Lebanon.", "AidCooperation")
    assert sent["participant"] == "actor/qatar" and sent["place"] == "place/lebanon"
    assert not facts("Qatar sent a letter to Lebanon.")  # no aid, no giver-less fact


def test_statement_verbs_and_names() -> None:
    assert one("Egypt has not responded to the offer.", "Statement")["negated"] is True
    assert one("Lavrov described the proposal as unrealistic.", "Statement")["agent"] == "actor/sergey-lavrov"
    assert one("Ban Ki-moon appealed for restraint.", "Statement")["agent"] == "actor/ban-ki-moon"
    assert not [f for f in facts("Iraqi troops fought Islamic State near Baghdad.") if f["type"] == "Statement"]


def test_vote_tally_parts() -> None:
    assert one("Seven members voted for the text and five voted against it.", "Vote")["properties"] == {
        "inFavourCount": 7, "againstCount": 5}  # fmt: skip
    got = facts("The draft passed with 13 votes in favour and 2 abstentions.")
    assert {f["type"] for f in got} >= {"Vote", "ResolutionAdopted"}
    assert one("The draft passed with 13 votes in favour and 2 abstentions.", "Vote")["properties"] == {
        "inFavourCount": 13, "abstainCount": 2}  # fmt: skip
    assert not facts("It was three against two on the pitch.")  # a tally needs a vote


def test_shelling_air_strike_and_movement_phrasings() -> None:
    rebel = one("Rebel shells hit a market in Damascus.", "Shelling")
    assert rebel["agent"] == "actor/syrian-rebels" and rebel["place"] == "place/damascus"
    assert one("Mortar shells landed in Damascus.", "Shelling")["place"] == "place/damascus"
    how = one("Howitzers of the Russian army pounded Aleppo.", "Shelling")
    assert how["agent"] == "actor/russian-armed-forces" and "target" not in how
    assert one("Drone strikes hit Yemen.", "AirStrike")["place"] == "place/yemen"
    raid = one("Russian jets carried out raids on Aleppo.", "AirStrike")
    assert raid["agent"] == "actor/russian-armed-forces" and raid["place"] == "place/aleppo"
    assert one("France sent an aircraft carrier to the Gulf.", "MilitaryMovement")["agent"] == "actor/france"
    op = one("Turkish troops began an operation against Islamic State in northern Syria.", "MilitaryOffensive")
    assert op["place"] == "place/syria" and op["target"] == "actor/islamic-state"  # in the gazetteer since 1.8.0


def test_control_not_lost() -> None:
    tcc = one("Rebels did not lose much ground in Aleppo.", "TerritorialControlChange")
    assert tcc["target"] == "actor/syrian-rebels" and tcc["negated"] is True and "agent" not in tcc


def test_aid_deliveries_announced_and_ongoing() -> None:
    """Extractor 1.4.0: airlifts, aid announced, aid that has not arrived, ongoing funding, convoys let in."""
    lift = one("Jordan airlifted medicine to Iraq.", "AidCooperation")
    assert lift["participant"] == "actor/jordan" and lift["beneficiary"] == "actor/iraq"
    assert one("Germany announced new humanitarian aid for Lebanon.", "AidCooperation")["modality"] == "announced"
    assert not [f for f in facts("Germany announced new humanitarian aid for Lebanon.") if f["type"] == "Statement"]
    none = one("No aid has reached Damascus since Friday.", "AidCooperation")
    assert none["place"] == "place/damascus" and none["negated"] is True
    assert one("Japan is financing food deliveries to families in Jordan.", "AidCooperation")["modality"] == "reported"
    assert one("Humanitarian convoys were let into Aleppo.", "AidCooperation")["place"] == "place/aleppo"


def test_movement_referral_draft_and_tally_phrasings() -> None:
    arrived = one("Russian troops arrived in Damascus.", "MilitaryMovement")
    assert arrived["agent"] == "actor/russian-armed-forces" and arrived["place"] == "place/damascus"
    assert one("Rebels abandoned their positions near Aleppo.", "MilitaryMovement")["agent"] == "actor/syrian-rebels"
    assert one("Britain will station troops in Estonia.", "MilitaryMovement")["modality"] == "planned"
    assert not [f for f in facts("Britain will station troops in the Baltic states.") if f["type"] == "Statement"]
    ref = one("Kenya asked the ICC to launch an investigation.", "Referral")
    assert ref["agent"] == "actor/kenya" and ref["court"] == "actor/international-criminal-court"
    assert one("The draft, prepared by Japan, calls for a truce.", "ResolutionDrafted")["agent"] == "actor/japan"
    assert one("Egypt drew up a new resolution.", "ResolutionDrafted")["agent"] == "actor/egypt"
    assert one("The proposal fell three votes short.", "ResolutionFailed")
    assert one("Eight members backed the draft.", "Vote")["properties"] == {"inFavourCount": 8}


def test_aid_quantities_goods_and_nominals() -> None:
    """Extractor 1.6.0: aid counted in tonnes or money, goods that are aid by their adjective, nominal aid."""
    tonnes = one("Oman flew 40 tonnes of medicine to Yemen.", "AidCooperation")
    assert tonnes["participant"] == "actor/oman" and tonnes["beneficiary"] == "actor/yemen"
    assert one("Norway will give 20 million dollars in emergency aid to Sudan.", "AidCooperation")["modality"] == (
        "planned")  # fmt: skip
    money = one("Spain gave 3 million euros to Haiti for hurricane relief.", "AidCooperation")
    assert money["participant"] == "actor/spain" and money["beneficiary"] == "actor/haiti"
    assert not facts("Spain gave 3 million euros to Haiti.")  # money alone is no aid
    assert one("Chile donated medical kits to Peru.", "AidCooperation")["participant"] == "actor/chile"
    assert one("Ireland offered relief supplies to Nepal.", "AidCooperation")["modality"] == "announced"
    assert one("Kenya has scaled up its assistance to Somalia.", "AidCooperation")["beneficiary"] == "actor/somalia"
    lift = one("Italy and Spain are weighing an airlift of food to Libya.", "AidCooperation")
    assert lift["participant"] == ["actor/italy", "actor/spain"] and lift["modality"] == "considered"
    assert one("Aid from Oman was unloaded in Sanaa.", "AidCooperation")["participant"] == "actor/oman"


def test_aid_passive_givers_and_failures() -> None:
    """Extractor 1.6.0: passive and participle deliveries take the by-phrase giver; blockers are no givers."""
    by = one("Tonnes of food were trucked into Aleppo by the United Nations.", "AidCooperation")
    assert by["participant"] == "actor/united-nations" and by["place"] == "place/aleppo"
    past = one("Blankets and medicine were airlifted to Nepal by India.", "AidCooperation")
    assert past["participant"] == "actor/india" and past["beneficiary"] == "actor/nepal"
    assert one("Food sent by Iran reached Damascus.", "AidCooperation")["participant"] == "actor/iran"
    assert one("A relief convoy of the United Nations entered Aleppo.", "AidCooperation")["participant"] == (
        "actor/united-nations")  # fmt: skip
    assert not facts("Troops were sent to Aleppo by Iran.") or all(
        f["type"] != "AidCooperation" for f in facts("Troops were sent to Aleppo by Iran."))  # fmt: skip
    assert not [f for f in facts("Iran is sending troops to Iraq.") if f["type"] == "AidCooperation"]
    stopped = one("UN trucks were stopped from bringing food into Aleppo.", "AidCooperation")
    assert stopped["modality"] == "failed"
    blocked = one("The distribution of food in Aleppo was blocked by government forces.", "AidCooperation")
    assert blocked["modality"] == "failed" and "participant" not in blocked
    assert one("Aid convoys were unable to reach Aleppo.", "AidCooperation")["modality"] == "failed"
    planned = one("Qatar and Kuwait agreed to share the delivery of aid to Yemen.", "AidCooperation")
    assert planned["modality"] == "planned"


def test_humanitarian_operation_is_no_offensive() -> None:
    got = facts("Jordan and Iraq launched a joint relief operation in Syria.")
    assert [f["type"] for f in got] == ["AidCooperation"]
    assert not facts("France began a diplomatic push at the United Nations.")


def test_offensive_phrasings_and_predicates() -> None:
    """Extractor 1.6.0: pushes, fronts, counterattacks; the predicate of a nominal offensive gives its modality."""
    push = one("Rebels started a push towards western Aleppo on Friday.", "MilitaryOffensive")
    assert push["agent"] == "actor/syrian-rebels" and push["date"] == "2016-10-07"
    front = one("Rebels opened a second front against the army north of Aleppo.", "MilitaryOffensive")
    assert front["target"] == "actor/syrian-government-forces"
    assert one("The army mounted a counterattack near Aleppo.", "MilitaryOffensive")["agent"] == (
        "actor/syrian-government-forces")  # fmt: skip
    assert one("A rebel offensive on Said in Aleppo collapsed on Friday.", "MilitaryOffensive")["modality"] == "failed"
    assert one("The assault on Aleppo was repulsed.", "MilitaryOffensive")["modality"] == "failed"
    soon = one("A new offensive by Syrian troops on Aleppo is expected within weeks.", "MilitaryOffensive")
    assert soon["modality"] == "planned"
    announced = one("An offensive against rebels in Aleppo was announced by the army.", "MilitaryOffensive")
    assert announced["modality"] == "announced" and announced["agent"] == "actor/syrian-government-forces"
    retake = facts("The army launched a drive to recapture Aleppo.")
    assert {f["type"]: f["modality"] for f in retake} == {"MilitaryOffensive": "completed",
                                                           "TerritorialControlChange": "planned"}  # fmt: skip


def test_offensive_cancelled_repelled_threatened() -> None:
    off = one("The army cancelled its planned offensive on Aleppo.", "MilitaryOffensive")
    assert off["negated"] is True and off["modality"] == "planned"
    assert one("Turkey ruled out an incursion into Syria.", "MilitaryOffensive")["negated"] is True
    rep = one("Government forces repulsed an attack by rebels near Aleppo.", "MilitaryOffensive")
    assert rep["modality"] == "failed" and rep["agent"] == "actor/syrian-rebels"
    assert one("Iran threatened to launch an offensive in Iraq.", "MilitaryOffensive")["modality"] == "planned"
    assert one("Rebels are massing fighters for an assault on Aleppo.", "MilitaryOffensive")["modality"] == "planned"
    hit = one("A checkpoint near Aleppo was attacked on Friday.", "MilitaryOffensive")
    assert "agent" not in hit and hit["place"] == "place/aleppo"


def test_statement_verbs_speakers_and_metonyms() -> None:
    """Extractor 1.6.0: more speech verbs, speakers for a government, seats of government, titles."""
    assert one("Zarif acknowledged that the talks were difficult.", "Statement")["agent"] == (
        "actor/mohammad-javad-zarif")  # fmt: skip
    assert one("Lavrov argued that the sanctions were illegal.", "Statement")["agent"] == "actor/sergey-lavrov"
    assert one("Tokyo reiterated its position on the islands.", "Statement")["agent"] == "actor/japan"
    assert one("Kerry noted that the truce was holding.", "Statement")["agent"] == "actor/john-kerry"
    assert one("Berlin voiced deep concern about the fighting.", "Statement")["agent"] == "actor/germany"
    assert one("A spokesman for the Iranian government said the border was open.", "Statement")["agent"] == (
        "actor/iran")  # fmt: skip
    assert one("Officials in Cairo said the crossing was open.", "Statement")["agent"] == "actor/egypt"
    assert one("The White House said the talks were useful.", "Statement")["agent"] == "actor/united-states"
    assert one("The Kremlin declined to comment.", "Statement")["negated"] is True
    assert one("According to Lavrov, the truce was holding.", "Statement")["agent"] == "actor/sergey-lavrov"
    assert one("London has yet to respond to the request.", "Statement")["negated"] is True
    assert one("Egypt's foreign minister said the talks were useful.", "Statement")["agent"] == "actor/sameh-shoukry"
    assert one("The Iranian President said the talks were useful.", "Statement")["agent"] == "actor/hassan-rouhani"
    assert not [f for f in facts("Norway gave money to the UN appeal for Sudan.") if f["type"] == "Statement"]


def test_conflict_country_behind_a_direction() -> None:
    got = one("Ukrainian troops attacked rebel positions in western Ukraine.", "MilitaryOffensive")
    assert got["agent"] == ["actor/ukrainian-government-forces", "actor/ukraine"]  # 1.14.0: and their state


def test_air_strike_negated_inside_the_trigger() -> None:
    assert one("Russia said its jets had not hit the school.", "AirStrike")["negated"] is True


def test_offensive_carried_out_pressed_and_backed() -> None:
    """Extractor 1.6.0: operations carried out or waged, offensives pressed, a plan carried out, backers after."""
    op = one("Iran has conducted a cross-border operation in Iraq.", "MilitaryOffensive")
    assert op["agent"] == "actor/iran" and op["place"] == "place/iraq"
    pressed = one("Iraqi troops pressed their offensive near Baghdad.", "MilitaryOffensive")
    assert pressed["agent"] == ["actor/iraqi-government-forces", "actor/iraq"]
    assert one("The army launched its long-awaited and long-planned assault on Aleppo.", "MilitaryOffensive")[
        "modality"] == "completed"  # fmt: skip
    backed = one("The assault on Aleppo, backed by Iranian militias, began on Friday.", "MilitaryOffensive")
    assert backed["supporter"] == "actor/iran"
    driven = one("Rebels were forced out of southern Aleppo.", "TerritorialControlChange")
    assert driven["target"] == "actor/syrian-rebels" and "agent" not in driven


def test_aid_carriers_and_counts() -> None:
    assert one("Iran sent 30 trucks of food to Aleppo.", "AidCooperation")["participant"] == "actor/iran"
    ship = one("A Qatari aid ship reached Yemen on Friday.", "AidCooperation")
    assert ship["participant"] == "actor/qatar" and ship["date"] == "2016-10-07"


def test_meeting_cancelled_and_votes_yes_no() -> None:
    off = one("Talks between Zarif and Lavrov were called off.", "Meeting")
    assert off["negated"] is True and off["modality"] == "planned"
    assert one("Lavrov sat down with Kerry in Geneva.", "Meeting")["participant"] == ["actor/sergey-lavrov",
                                                                                     "actor/john-kerry"]  # fmt: skip
    assert one("Uruguay voted no.", "VotePosition")["properties"]["position"] == "Against"
    assert one("Senegal voted yes.", "VotePosition")["properties"]["position"] == "InFavour"


def test_humanitarian_givers_and_reporters() -> None:
    """Aid given by a UN agency or the Red Cross names it; an organisation that reports an attack is not its
    attacker, nor the perpetrator of the deaths it reports (a state or armed group still is)."""
    wfp = one("The World Food Programme delivered food to Aleppo on Saturday.", "AidCooperation")
    assert wfp["participant"] == "actor/world-food-programme" and wfp["place"] == "place/aleppo"
    assert wfp["date"] == "2016-10-08"
    blocked = one("Red Cross aid convoys were prevented from entering Aleppo.", "AidCooperation")
    assert blocked["participant"] == "actor/icrc" and blocked["modality"] == "failed"
    strike = one("Doctors Without Borders said a hospital in Aleppo was hit by air strikes.", "AirStrike")
    assert "agent" not in strike and strike["place"] == "place/aleppo"
    assert "agent" not in one("The UN said a hospital in Aleppo was hit by air strikes.", "AirStrike")
    report = facts("The Red Cross said shelling killed 12 civilians in Aleppo on Sunday.")
    assert {f["type"] for f in report} == {"Shelling", "CasualtyReport"}
    assert not any("agent" in f or "perpetrator" in f for f in report)
    assert one("NATO carried out air strikes on Tripoli.", "AirStrike")["agent"] == "actor/nato"
    assert one("The Security Council said Russian jets bombed Aleppo.", "AirStrike")["agent"] == (
        "actor/russian-armed-forces")


def test_other_senses_of_trigger_words() -> None:
    """Extractor 1.7.0: "according to" is no accord, shells that "slammed into" a market condemn nobody, a car or
    suicide bomb is no air strike."""
    assert not [f for f in facts("Rebels seized the town, according to activists.") if f["type"] == "Agreement"]
    assert not [f for f in facts("Shells slammed into a market in Aleppo.") if f["type"] == "Condemnation"]
    assert not [f for f in facts("A car bomb killed 10 people in Kabul.") if f["type"] == "AirStrike"]
    assert not [f for f in facts("A suicide bombing in Baghdad killed 20 people.") if f["type"] == "AirStrike"]
    assert one("Russia slammed the decision.", "Condemnation")["agent"] == "actor/russia"


def test_vote_won_by_members_and_absolute_positions() -> None:
    """Extractor 1.7.0: "backed by 10 of the 15 members" and "won 9 of the 15 votes" count votes in favour,
    "with Russia voting against" is Russia's position, "two abstaining" a tally part, "41 abstentions" no
    position, and a "was not adopted" trigger that gives no adoption lends no negation to the tally after it."""
    v = one("The measure was supported by 10 of the 15 members, with Russia voting against.", "Vote")
    assert v["properties"] == {"inFavourCount": 10, "memberCount": 15}
    assert one("The measure was supported by 10 of the 15 members, with Russia voting against.",
               "VotePosition")["agent"] == "actor/russia"  # fmt: skip
    assert one("The draft won 9 of the 15 votes.", "Vote")["properties"] == {"inFavourCount": 9, "memberCount": 15}
    tally = one("The text won 11 of the 15 votes, with two voting against and two abstaining.", "Vote")
    assert tally["properties"]["abstainCount"] == 2
    assert not [f for f in facts("The Security Council adopted the text by 13 votes to 0, with two abstentions.")
                if f["type"] == "VotePosition"]  # fmt: skip
    assert "negated" not in one("The Chinese draft was not adopted, receiving only five votes in favour.", "Vote")


def test_possessive_agent_and_coordinated_by_phrase() -> None:
    """Extractor 1.7.0: "Turkey's offensive was criticised by X and Y": the by-phrase belongs to the
    criticism (all its coordinated actors), the possessive names the attacker and the criticised."""
    text = "Turkey's offensive was criticised by Germany, Austria and the Netherlands."
    assert one(text, "MilitaryOffensive")["agent"] == "actor/turkey"
    c = one(text, "Condemnation")
    assert c["agent"] == ["actor/germany", "actor/austria", "actor/netherlands"] and c["target"] == "actor/turkey"


def test_trailing_attribution_is_no_place_and_hedges() -> None:
    """Extractor 1.7.0: the place of a trailing speaker (", the ministry in Moscow said") is not where the event
    happened; a trailing "according to" makes a completed event reported."""
    shelled = one("Two soldiers were killed when their post near Aleppo was hit by rocket fire, officials in "
                  "Damascus said.", "Shelling")  # fmt: skip
    assert shelled["place"] == "place/aleppo"
    assert one("Rebels seized the town, according to activists.", "TerritorialControlChange")["modality"] == (
        "reported")  # fmt: skip
    assert one("Iran is preparing a new offensive, according to diplomats.", "MilitaryOffensive")["modality"] == (
        "planned")  # fmt: skip


def test_driven_out_massing_and_weapons_moved() -> None:
    """Extractor 1.7.0: "pushed the militants out of" (the driven out are the target), troops "massing near"
    a place, weapons "moved"/"sent" to a place (negated under "denied that")."""
    out = one("Government forces pushed the rebels out of two districts of Aleppo.", "TerritorialControlChange")
    assert out["agent"] == "actor/syrian-government-forces" and out["target"] == "actor/syrian-rebels"
    assert one("Iranian troops are massing near the border with Iraq.", "MilitaryMovement")["agent"] == [
        "actor/iranian-armed-forces", "actor/iran"]  # fmt: skip
    assert one("Russia has moved Iskander missiles into Kaliningrad.", "MilitaryMovement")["agent"] == "actor/russia"
    sent = one("Washington denied that it had sent more warships to the Gulf.", "MilitaryMovement")
    assert sent["agent"] == "actor/united-states" and sent["negated"] is True


def test_failed_drafts_and_drafting_phrasings() -> None:
    """Extractor 1.7.0: a draft subject that "failed" after its participle phrase, "two votes short of", "is
    expected to fail"; "co-sponsored by" names every sponsor; "has no intention of tabling" is a planned,
    negated drafting."""
    late = one("A British resolution demanding access to Aleppo failed on Monday.", "ResolutionFailed")
    assert late["date"] == "2016-10-10"
    assert not [f for f in facts("The truce collapsed after the resolution was adopted.")
                if f["type"] == "ResolutionFailed"]  # fmt: skip
    assert one("The draft fell two votes short of the nine needed.", "ResolutionFailed")["modality"] == "completed"
    assert one("The Chinese text is expected to fail.", "ResolutionFailed")["modality"] == "planned"
    co = one("The resolution, co-sponsored by Spain and Egypt, demands a truce.", "ResolutionDrafted")
    assert co["agent"] == ["actor/spain", "actor/egypt"]
    no = one("Paris has no intention of tabling a new draft.", "ResolutionDrafted")
    assert (no["modality"], no["negated"]) == ("planned", True)


def test_offensive_backers_efforts_and_led_campaigns() -> None:
    """Extractor 1.7.0: "Backed by X, Y attacked" (X supports; "air power" is the armed forces), "Efforts by X
    to refer ... failed" (X is the agent, the attempt failed), "the Saudi-led campaign", "are preparing a ground
    operation" (planned)."""
    backed = one("Supported by Russian air power, Syrian troops attacked Aleppo.", "MilitaryOffensive")
    assert backed["supporter"] == "actor/russian-armed-forces"
    assert backed["agent"] == "actor/syrian-government-forces"
    ref = one("Efforts by France to refer Syria to the ICC collapsed in May.", "Referral")
    assert (ref["agent"], ref["modality"]) == ("actor/france", "failed")
    led = one("Egypt backs the Saudi-led campaign in Yemen.", "MilitaryOffensive")
    assert (led["agent"], led["place"]) == ("actor/saudi-arabia", "place/yemen")
    assert not [f for f in facts("Moscow wants to lead the operation in Syria.") if f["type"] == "MilitaryOffensive"]
    plan = one("Turkish forces are preparing a ground operation in northern Syria.", "MilitaryOffensive")
    assert plan["modality"] == "planned"


def test_withheld_answers_refraining_and_strikes_not_carried_out() -> None:
    """Extractor 1.7.0: "declined to say whether ..." states only the refusal; "refrained from condemning" is
    negated; "jets did not carry out any raids" is a negated air strike."""
    got = facts("Kerry refused to comment on whether the US would send troops to Syria.")
    assert [(f["type"], f.get("negated")) for f in got] == [("Statement", True)]
    assert one("Germany has refrained from condemning the strikes.", "Condemnation")["negated"] is True
    raid = one("Syrian jets did not carry out any raids on Aleppo, Damascus said.", "AirStrike")
    assert raid["negated"] is True and raid["place"] == "place/aleppo"


def test_aid_sums_staples_and_convoys_that_failed() -> None:
    """Extractor 1.7.0: "pledged an additional 20 million pounds in aid", "flew 40 tonnes of flour", and a
    convoy "carrying medicine for civilians failed to reach" (failed)."""
    pledge = one("Britain pledged an additional 20 million pounds in aid for Yemen.", "AidCooperation")
    assert (pledge["participant"], pledge["modality"]) == ("actor/united-kingdom", "announced")
    assert one("Turkey flew 40 tonnes of flour to Aleppo.", "AidCooperation")["participant"] == "actor/turkey"
    convoy = one("A Red Cross convoy carrying medicine for civilians failed to reach Aleppo.", "AidCooperation")
    assert convoy["modality"] == "failed"
    assert one("Aid reached Aleppo after the army failed to stop it.", "AidCooperation")["modality"] == "completed"


def test_killed_and_wounded_attacker_and_direct_attribution() -> None:
    """Extractor 1.7.0: "killed 5 people and wounded 20" are two reports; "..., killing six children" takes the
    attackers of the clause before; "X said no one was killed" keeps the event's modality (convention)."""
    got = [f for f in facts("The shelling of Aleppo killed 5 people and wounded 20 others.")
           if f["type"] == "CasualtyReport"]  # fmt: skip
    assert [(f["properties"]["casualtyCount"], f["properties"]["casualtyType"]) for f in got] == [
        (5, "Killed"), (20, "Injured")]  # fmt: skip
    cas = one("Rebel rockets hit Aleppo, killing six children.", "CasualtyReport")
    assert cas["perpetrator"] == "actor/syrian-rebels"
    said = one("Officials said no civilians were killed in the attack on Aleppo.", "CasualtyReport")
    assert (said["modality"], said["negated"]) == ("completed", True)
    assert one("Activists reported that 20 people were killed in Aleppo.", "CasualtyReport")["modality"] == "reported"


def test_votes_won_forum_votes_and_scheduled_votes() -> None:
    """Extractor 1.7.0: "secured only five votes" (in favour), "four opposed it" (a tally part), "the General
    Assembly voted overwhelmingly in favour" (the forum's vote, no position), "the council will vote on" and "a
    vote on the draft is expected" (planned votes, no forum mention needed); "the vote on the draft failed" is the
    draft's failure only."""
    assert one("The draft secured only five votes.", "Vote")["properties"] == {"inFavourCount": 5}
    assert one("Nine members backed the text, four opposed it and two abstained.", "Vote")["properties"] == {
        "inFavourCount": 9, "againstCount": 4, "abstainCount": 2}  # fmt: skip
    ga = facts("The General Assembly voted in favour of the resolution.")
    assert [(f["type"], f.get("forum")) for f in ga] == [("Vote", "actor/un-general-assembly")]
    council = one("The council will vote on the French proposal on Monday.", "Vote")
    assert (council["modality"], council["forum"]) == ("planned", "actor/un-security-council")
    assert one("A vote on the draft is expected later this week.", "Vote")["modality"] == "planned"
    assert not [f for f in facts("The vote on the French draft failed.") if f["type"] == "Vote"]
    assert not [f for f in facts("The party won 20 votes in the election.") if f["type"] == "Vote"]


def test_movement_crossing_advancing_dispatching_and_forces_nouns() -> None:
    """Extractor 1.7.0: "crossed into", "are advancing on", "closing in on", "dispatched military advisers to";
    the noun in "the Russian advance on the city" and "Russian forces pulled out" is no movement verb nor a
    forcing out; "forced the rebels back" is a control change only with someone driven back."""
    cross = one("Turkish troops crossed into Syria on Wednesday.", "MilitaryMovement")
    assert (cross["agent"], cross["place"]) == ("actor/turkish-armed-forces", "place/syria")
    # Mosul is in the gazetteer since 1.8.0: Iraq is the conflict country and its forces are its government forces
    assert one("Iraqi forces are advancing on Mosul.", "MilitaryMovement")["agent"] == [
        "actor/iraqi-government-forces", "actor/iraq"]  # fmt: skip
    assert one("Syrian troops were closing in on Aleppo.", "MilitaryMovement")["place"] == "place/aleppo"
    assert one("Iran has dispatched military advisers to Syria.", "MilitaryMovement")["agent"] == "actor/iran"
    assert not [f for f in facts("France is standing firmly against the Russian advance on the city.")
                if f["type"] == "MilitaryMovement"]  # fmt: skip
    assert [f["type"] for f in facts("Russian forces pulled out of Palmyra.")] == ["MilitaryMovement"]
    back = one("The army forced the rebels back.", "TerritorialControlChange")
    assert back["target"].endswith("-rebels")
    assert not facts("Russia forced them to come back.")
    assert one("Rebels have been driven out of the old city of Aleppo.", "TerritorialControlChange")["target"] == (
        "actor/syrian-rebels")  # fmt: skip


def test_lives_claimed_rockets_fired_from_drafts_drawn_up_and_aid_unable() -> None:
    """Extractor 1.7.0: "have claimed more than 100 lives", "rockets fired from rebel areas struck", "the draft,
    drawn up by Britain," and "the resolution, which was drafted by France,", "aid agencies have been unable to
    reach Aleppo" (a failed delivery; troops unable to reach a city are no aid)."""
    lives = one("Clashes in Aleppo have claimed more than 100 lives this week.", "CasualtyReport")
    assert lives["properties"]["casualtyCount"] == 100
    assert one("Rockets fired from rebel areas struck western Aleppo.", "Shelling")["place"] == "place/aleppo"
    assert one("The draft, drawn up by Britain, calls for sanctions.", "ResolutionDrafted")["agent"] == (
        "actor/united-kingdom")  # fmt: skip
    assert one("The resolution, which was drafted by France, demands a truce.", "ResolutionDrafted")["agent"] == (
        "actor/france")  # fmt: skip
    aid = one("Aid agencies have been unable to reach the besieged city of Aleppo.", "AidCooperation")
    assert (aid["modality"], aid["place"]) == ("failed", "place/aleppo")
    assert not facts("Troops were unable to reach Aleppo.")


def test_verdict_condemnations_attacked_aid_and_civil_withdrawals() -> None:
    """Extractor 1.7.0: "called the Russian veto unacceptable", "called the bombing of Aleppo a war crime" condemn
    (what is inside is the target); "the attack on the aid convoy" is no aid delivery; a withdrawal from a court,
    of an ambassador or from talks moves no troops."""
    veto = one("Hollande called the Russian veto unacceptable.", "Condemnation")
    assert (veto["agent"], veto["target"]) == ("actor/francois-hollande", "actor/russia")
    assert one("Hollande called the bombing of Aleppo a war crime.", "Condemnation")["place"] == "place/aleppo"
    assert not [f for f in facts("They called him a friend.") if f["type"] == "Condemnation"]
    assert not [f for f in facts("The UN chief deplored the attack on the aid convoy.")
                if f["type"] == "AidCooperation"]  # fmt: skip
    for text in ("Gambia announced its withdrawal from the ICC.", "Russia withdrew its ambassador from Ankara.",
                 "The US pulled out of the talks."):  # fmt: skip
        assert not [f for f in facts(text) if f["type"] == "MilitaryMovement"], text
    assert one("Russia withdrew its troops from Syria.", "MilitaryMovement")["place"] == "place/syria"


def test_meeting_of_ministers_of_states() -> None:
    """Extractor 1.7.0: "the foreign ministers of Russia and Turkey held talks" meet; the state after a title is
    no place of the meeting."""
    talks = one("The foreign ministers of Russia and Turkey held talks in Moscow.", "Meeting")
    assert {"actor/sergey-lavrov", "actor/mevlut-cavusoglu"} <= _ids(talks["participant"])
    assert "place" not in one("The foreign minister of Egypt met Kerry.", "Meeting")


def test_held_territory_presented_drafts_requests_bases_and_coming_out_against() -> None:
    """Extractor 1.7.0: the holder in "government-held Aleppo" attacks nobody; "would present a new draft"
    drafts; "asked by Mali to investigate" refers; "in talks to open a base" plans it; "came out against" opposes;
    "Russia and the US failed to agree" names both states."""
    cas = one("Rebels shelled government-held western Aleppo, killing four people.", "CasualtyReport")
    assert cas["perpetrator"] == "actor/syrian-rebels"
    assert one("France said it would present a new draft.", "ResolutionDrafted")["modality"] == "planned"
    assert one("The ICC has been asked by Mali to investigate crimes.", "Referral")["agent"] == "actor/mali"
    assert one("Turkey is in talks to open a military base in Qatar.", "MilitaryBaseAnnouncement")["modality"] == (
        "planned")  # fmt: skip
    assert one("China opened a military base in Djibouti.", "MilitaryBaseAnnouncement")["modality"] == "completed"
    assert one("Turkey came out against the plan.", "Opposition")["agent"] == "actor/turkey"
    agreed = one("Russia and the US failed to agree on a ceasefire.", "Agreement")
    assert agreed["participant"] == ["actor/russia", "actor/united-states"] and "place" not in agreed


def test_passive_hit_by_weapons_and_troops_moved_to() -> None:
    """Extractor 1.7.0: "Aleppo was pounded by Russian warplanes" (an air strike by the forces named with the
    aircraft), "was hit by rebel rockets" (shelling), "moved troops to the border" (a movement)."""
    strike = one("Aleppo was pounded by Russian warplanes on Sunday.", "AirStrike")
    assert (strike["agent"], strike["place"]) == ("actor/russian-armed-forces", "place/aleppo")
    shelled = one("Western Damascus was hit by rebel rockets.", "Shelling")
    assert (shelled["agent"], shelled["place"]) == ("actor/syrian-rebels", "place/damascus")
    assert one("Last week, Russia moved troops to the border.", "MilitaryMovement")["agent"] == "actor/russia"


def test_dead_and_injured_figures_family_members_and_suspended_aid() -> None:
    """Extractor 1.7.0: "20 people were killed and 40 wounded", "left at least 20 dead and dozens injured" are
    two reports with their own figures; "Twelve members of one family died" counts 12; "suspended aid deliveries"
    negates the delivery."""
    got = [f["properties"] for f in facts("20 people were killed and 40 wounded in Aleppo.")
           if f["type"] == "CasualtyReport"]  # fmt: skip
    assert [(p["casualtyCount"], p["casualtyType"]) for p in got] == [(20, "Killed"), (40, "Injured")]
    left = [f["properties"] for f in facts("The attack left at least 20 people dead and dozens injured.")
            if f["type"] == "CasualtyReport"]  # fmt: skip
    assert [(p["casualtyCount"], p["casualtyType"]) for p in left] == [(20, "Killed"), (24, "Injured")]
    assert left[0]["countQualifier"] == "AtLeast"
    assert one("Twelve members of one family died in the strike.", "CasualtyReport")["properties"][
        "casualtyCount"] == 12  # fmt: skip
    assert one("The UN suspended aid deliveries to Syria.", "AidCooperation")["negated"] is True


def test_unanimous_defeated_tallies_drafts_drawn_up_and_veto_power() -> None:
    """Extractor 1.8.0: "all nine members voted" (a unanimous vote), "rejected by 10 votes to 3" (the larger count
    against), a vote "again next week on", a UN council's vote has that council as forum, "a draft drawn up by X",
    "vetoed ..., blocking an X-sponsored proposal" (the draft failed and X drafted it), "the power of veto" and
    "veto-wielding" are no veto."""
    allv = one("All nine members of the commission voted in favour of the plan.", "Vote")
    assert allv["properties"] == {"inFavourCount": 9, "memberCount": 9}
    rej = one("The Chinese draft was rejected by 10 votes to 3.", "Vote")
    assert rej["properties"] == {"inFavourCount": 3, "againstCount": 10}
    again = one("The Security Council will vote again next week on the British text.", "Vote")
    assert again["modality"] == "planned"
    hrc = one("The Human Rights Council backed the motion by 30 votes to 5.", "Vote")
    assert hrc["forum"] == "actor/un-human-rights-council"
    drawn = one("A draft drawn up by Japan and Egypt demands a truce.", "ResolutionDrafted")
    assert drawn["agent"] == ["actor/japan", "actor/egypt"]
    text = "China vetoed the measure on Monday, blocking a British-sponsored proposal on Yemen."
    failed = one(text, "ResolutionFailed")
    assert failed["date"] == "2016-10-10" and failed["resolution"] == "resolution/united-kingdom-draft-2016-10"
    assert one(text, "ResolutionDrafted")["agent"] == "actor/united-kingdom"
    assert one(text, "Veto")["resolution"] == "resolution/united-kingdom-draft-2016-10"
    assert not facts("Five members hold the power of veto.")
    assert not [f for f in facts("The veto-wielding powers met.") if f["type"] == "Veto"]


def test_munitions_hedged_carriers_repelled_advances_and_shared_subjects() -> None:
    """Extractor 1.8.0: "rockets and mortar bombs exploded" (shelling, no air strike), "jets thought to be Syrian"
    (reported, the state's forces), "fought off an X advance and recaptured" (a failed offensive by X; the
    defenders recapture), "the army's drive against X has stalled" (failed), "announced the deployment of"
    (the announcer moves), "were rushed in to", "... but has no plans to send troops there" (the subject and
    place of the clause before), a frame "since the assault began" stays completed under a trailing "according
    to", "an offensive on Monday to drive X out" (the capture is the aim)."""
    got = facts("Insurgent rockets and mortar bombs exploded in Hama.")
    assert [(f["type"], f.get("agent"), f.get("place")) for f in got] == [
        ("Shelling", "actor/syrian-rebels", "place/hama")]  # fmt: skip
    jets = one("Jets thought to be Syrian bombed Idlib on Friday.", "AirStrike")
    assert (jets["agent"], jets["modality"]) == ("actor/syrian-government-forces", "reported")
    text = "Kurdish fighters fought off an Islamic State advance near Raqqa and recaptured a village."
    adv = one(text, "MilitaryOffensive")
    assert (adv["agent"], adv["modality"]) == ("actor/islamic-state", "failed")
    assert not [f for f in facts(text) if f.get("agent") == "actor/islamic-state" and f["type"] != adv["type"]]
    drive = one("The army's drive against Islamic State near Raqqa has stalled.", "MilitaryOffensive")
    assert (drive["agent"], drive["modality"]) == ("actor/syrian-government-forces", "failed")
    dep = one("Moscow announced the deployment of more troops to Syria.", "MilitaryMovement")
    assert (dep["agent"], dep["modality"]) == ("actor/russia", "announced")
    assert one("Hezbollah fighters were rushed in to the edge of Homs.", "MilitaryMovement")["agent"] == (
        "actor/hezbollah")  # fmt: skip
    assert not [f for f in facts("New rules were brought in from May.") if f["type"] == "MilitaryMovement"]
    moves = [f for f in facts("Britain will deploy jets to Estonia but has no plans to send troops there.")
             if f["type"] == "MilitaryMovement"]  # fmt: skip
    assert [(f["agent"], f["place"], f.get("negated", False)) for f in moves] == [
        ("actor/united-kingdom", "place/estonia", False), ("actor/united-kingdom", "place/estonia", True)]
    frame = one("Twenty people have died in Homs since the assault began on Monday, according to activists.",
                "MilitaryOffensive")  # fmt: skip
    assert frame["modality"] == "completed"
    aim = one("Rebels began an offensive on Monday to drive Islamic State out of Dabiq.", "TerritorialControlChange")
    assert aim["modality"] == "planned"


def test_calls_travel_destinations_pronoun_speakers_and_failed_agreements() -> None:
    """Extractor 1.8.0: a phone call is a meeting (not with the parenthetical speaker ", the Kremlin said,"); the
    place a participant "flew to ... for talks" is where they met (not the topic "on the war in Syria"); "went on
    to X the next day to see Y" is a second meeting the day after, without the first one's partner; "called off a
    visit" is planned and negated; "X said that he and Y agreed to meet" has X; "without agreeing" fails; contacts
    "between their militaries" are military contacts."""
    call = one("Lavrov and Kerry spoke by phone on Friday, the State Department said, discussing ways to get aid "
               "into Aleppo.", "Meeting")  # fmt: skip
    assert call["participant"] == ["actor/sergey-lavrov", "actor/john-kerry"] and call["date"] == "2016-10-07"
    assert not [f for f in facts("Hollande and Merkel held a telephone call, discussing ways to deliver aid to "
                                 "Syria.") if f["type"] == "AidCooperation"]  # fmt: skip
    flew = one("Zarif flew to Moscow on Tuesday for talks with Lavrov on the war in Syria.", "Meeting")
    assert flew["place"] == "place/moscow"
    two = [f for f in facts("Kerry travelled to Paris on Tuesday for talks with Ayrault and went on to Cairo the "
                            "next day to see Sameh Shoukry.") if f["type"] == "Meeting"]  # fmt: skip
    assert [(f["participant"], f["place"], f["date"]) for f in two] == [
        (["actor/john-kerry", "actor/jean-marc-ayrault"], "place/paris", "2016-10-04"),
        (["actor/john-kerry", "actor/sameh-shoukry"], "place/cairo", "2016-10-05")]
    off = one("Erdogan has called off a trip to Moscow to meet Putin.", "Meeting")
    assert (off["modality"], off["negated"]) == ("planned", True)
    abe = one("Erdogan said on Friday that he and the Russian President would meet in Ankara.", "Meeting")
    assert set(abe["participant"]) == {"actor/recep-tayyip-erdogan", "actor/vladimir-putin"}
    no = one("Lavrov and Zarif ended their talks without reaching an agreement on Aleppo.", "Agreement")
    assert (no["modality"], no.get("negated", False)) == ("failed", False)
    mil = one("Ankara and Moscow agreed to restore contacts between the two militaries.", "Agreement")
    assert mil["topic"] == "MilitaryContacts"


def test_dismissals_dropped_objections_accusations_thanks_arming_and_relative_backers() -> None:
    """Extractor 1.8.0: "dismissed/rebuffed the X proposal" opposes X; "dropped its objections to" is a negated
    opposition; "accused X of prolonging the war" condemns X (not "accused X of shelling": that shelling is
    reported); "thanked X for its support" (X supports); "is arming Y" (an armed Y); "the rebels it backs", "the
    militias Iran supports" (object relative clauses); "according to UN figures" is no statement."""
    dis = one("Beijing rebuffed the British proposal on Tuesday.", "Opposition")
    assert (dis["agent"], dis["target"]) == ("actor/china", "actor/united-kingdom")
    drop = one("Japan has dropped its objections to the Russian draft.", "Opposition")
    assert (drop["target"], drop["negated"]) == ("actor/russia", True)
    acc = one("The French President accused Iran of fuelling the conflict.", "Condemnation")
    assert (acc["agent"], acc["target"]) == ("actor/francois-hollande", "actor/iran")
    assert not [f for f in facts("Ukraine accused Russian forces of shelling Mariupol.") if f["type"] == "Condemnation"]
    thanks = one("Assad thanked Russia for its backing.", "Support")
    assert (thanks["agent"], thanks["beneficiary"]) == ("actor/russia", "actor/bashar-al-assad")
    arm = one("Iran is arming Hezbollah, Israeli officials believe.", "Support")
    assert (arm["agent"], arm["beneficiary"], arm["modality"]) == ("actor/iran", "actor/hezbollah", "reported")
    assert not [f for f in facts("The arms race worried Japan.") if f["type"] == "Support"]
    rel = one("Turkey shelled the Kurdish YPG in Syria to protect the rebels it backs.", "Support")
    assert (rel["agent"], rel["beneficiary"]) == ("actor/turkey", "actor/syrian-rebels")
    assert not facts("Eastern Aleppo has 250,000 residents, according to UN estimates.")


def test_evacuations_staples_announced_dates_base_states_and_drawn_up_drafts() -> None:
    """Extractor 1.8.0: the evacuation of the wounded by a humanitarian or UN actor is aid, and no casualty report;
    a convoy "carrying flour and medicine was turned back" failed; "In March, X announced the withdrawal" is last
    March; a base is announced by the state of the forces named ("indefinitely" is permanent); "a draft drawn up
    by X would demand" was drafted (completed)."""
    evac = facts("UNICEF teams evacuated forty sick children from Idlib on Friday.")
    assert [(f["type"], f["participant"], f["place"]) for f in evac] == [
        ("AidCooperation", "actor/unicef", "place/idlib")]  # fmt: skip
    plan = facts("The UN and Syria agreed on a plan to evacuate the wounded from Homs.")
    assert {f["type"] for f in plan} == {"Agreement", "AidCooperation"}
    assert not [f for f in facts("The army evacuated its wounded from Hama.") if f["type"] == "AidCooperation"]
    convoy = one("A UNICEF convoy carrying flour and blankets was turned back outside Homs.", "AidCooperation")
    assert (convoy["participant"], convoy["modality"]) == ("actor/unicef", "failed")
    ann = one("In April, Washington announced the deployment of more troops to Iraq.", "MilitaryMovement")
    assert (ann["modality"], ann["month"]) == ("announced", "2016-04")
    base = one("The deal lets Russian forces stay at the Tartus naval base in Syria indefinitely.",
               "MilitaryBaseAnnouncement")  # fmt: skip
    assert (base["agent"], base["properties"]["permanent"]) == ("actor/russia", True)
    drawn = one("A draft drawn up by Egypt would demand a truce.", "ResolutionDrafted")
    assert drawn["modality"] == "completed"


def test_long_referrals_resolve_quantified_subjects_arms_and_brushed_aside() -> None:
    """Extractor 1.8.0: "bring those responsible for ... before the ICC" (a longer object); "will explore every
    avenue to" is planned; "the perpetrators of the bombing" name no bomber; "voted down 9 to 5" (the larger count
    against), "unanimously voted"; "cast its veto, killing a draft" kills nobody; "a proposal drawn up by X";
    "confirmed the deployment of"; "Hundreds of X fighters were rushed in"; "brushed aside the X proposal";
    "supplied weapons to Y"; aid workers evacuating the wounded."""
    ref = one("Spain will explore every avenue to bring the commanders responsible for the siege of Homs before the "
              "International Criminal Court.", "Referral")  # fmt: skip
    assert (ref["agent"], ref["modality"]) == ("actor/spain", "planned")
    strike = one("Japan wants to bring the perpetrators of the Idlib bombing before the ICC.", "AirStrike")
    assert "agent" not in strike and strike["modality"] == "completed"
    down = one("The text was voted down 9 to 5.", "Vote")
    assert down["properties"] == {"inFavourCount": 5, "againstCount": 9}
    assert one("The Security Council unanimously voted to extend the mission.", "Vote")["forum"] == (
        "actor/un-security-council")  # fmt: skip
    assert not [f for f in facts("China cast its veto, killing a French draft.") if f["type"] == "CasualtyReport"]
    assert one("A proposal drawn up by Uruguay called for a truce.", "ResolutionDrafted")["agent"] == "actor/uruguay"
    assert one("Moscow confirmed the deployment of warships to Tartus.", "MilitaryMovement")["agent"] == "actor/russia"
    rushed = one("Hundreds of Hezbollah fighters have been rushed in to Homs.", "MilitaryMovement")
    assert rushed["agent"] == "actor/hezbollah"
    brushed = one("Berlin brushed aside the Chinese proposal.", "Opposition")
    assert (brushed["agent"], brushed["target"]) == ("actor/germany", "actor/china")
    arms = one("Iran supplied weapons to Hezbollah.", "Support")
    assert (arms["agent"], arms["beneficiary"]) == ("actor/iran", "actor/hezbollah")
    assert not [f for f in facts("Russia sent missiles to Kaliningrad.") if f["type"] == "Support"]
    assert one("Aid workers evacuated 50 wounded people from Homs.", "AidCooperation")["place"] == "place/homs"


def test_backed_agents_in_by_phrases_counted_raids_and_arriving_convoys() -> None:
    """Extractor 1.8.0: "by Turkish-backed rebels" (the rebels act, Turkey supports; the passive subject is the
    target), "by Russian-backed militias" (no named actor: no agent, not the backer), "carried out dozens of
    raids", "A UN convoy reached ..." (aid; not a military convoy)."""
    out = one("Islamic State fighters were driven out of Dabiq by Turkish-backed rebels.", "TerritorialControlChange")
    assert (out["agent"], out["target"], out["supporter"]) == ("actor/syrian-rebels", "actor/islamic-state",
                                                               "actor/turkey")  # fmt: skip
    assert "agent" not in one("Homs was attacked by Iranian-backed militias.", "MilitaryOffensive")
    raids = one("Russian aircraft carried out dozens of raids on Idlib.", "AirStrike")
    assert (raids["agent"], raids["place"]) == ("actor/russian-armed-forces", "place/idlib")
    assert one("A UNICEF convoy reached Homs on Friday.", "AidCooperation")["participant"] == "actor/unicef"
    assert not [f for f in facts("A military convoy reached Homs.") if f["type"] == "AidCooperation"]


def test_tallies_by_a_vote_of_authored_drafts_received_and_demanded_aid() -> None:
    """Extractor 1.8.0: "by a vote of 14-0", "the vote was 11 in favour, two against"; "the resolution, authored
    by X,"; "the text received 11 votes" is no meeting (a host "received" a person); aid a draft demands is no
    delivery."""
    assert one("The text was adopted by a vote of 13-0, with two abstentions.", "Vote")["properties"] == {
        "inFavourCount": 13, "againstCount": 0, "abstainCount": 2}  # fmt: skip
    assert one("The council vote was 12 in favour, three against.", "Vote")["properties"] == {
        "inFavourCount": 12, "againstCount": 3}  # fmt: skip
    assert one("The resolution, authored by Japan, was adopted.", "ResolutionDrafted")["agent"] == "actor/japan"
    assert not [f for f in facts("The Chinese text received 11 votes in favour.") if f["type"] == "Meeting"]
    assert one("Putin received Erdogan in Moscow.", "Meeting")["participant"] == ["actor/vladimir-putin",
                                                                                  "actor/recep-tayyip-erdogan"]
    assert not [f for f in facts("The Egyptian-drafted text demands access for aid convoys.")
                if f["type"] == "AidCooperation"]  # fmt: skip


def test_assembly_word_drafting_participles_beaten_drafts_and_war_subjects() -> None:
    """Extractor 1.8.0: "the Assembly is due to vote" (the General Assembly), "a draft prepared/circulated by X",
    "was beaten by eight votes to five" (failed), "Syria's war has killed ..." names no perpetrator."""
    assert one("The Assembly will vote next week on the text.", "Vote")["forum"] == "actor/un-general-assembly"
    assert one("A draft prepared by Egypt would allow aid in.", "ResolutionDrafted")["agent"] == "actor/egypt"
    assert one("The text circulated by Japan calls for a truce.", "ResolutionDrafted")["agent"] == "actor/japan"
    assert one("The Chinese draft was beaten by eight votes to five.", "ResolutionFailed")["resolution"] == (
        "resolution/china-draft-2016-10")  # fmt: skip
    assert "perpetrator" not in one("Yemen's war has killed 10,000 people.", "CasualtyReport")


def test_aid_blocked_as_an_object_and_clothing() -> None:
    """Extractor 1.8.0: "X blocked/stopped a UN aid convoy" (failed; the blockers give nothing), clothes as aid."""
    blocked = one("Government forces blocked a WFP aid convoy from entering Idlib.", "AidCooperation")
    assert (blocked["participant"], blocked["modality"]) == ("actor/world-food-programme", "failed")
    stopped = one("Rebels stopped the aid trucks outside Hama.", "AidCooperation")
    assert "participant" not in stopped and stopped["modality"] == "failed"
    assert one("UNICEF distributed winter clothes in Homs.", "AidCooperation")["participant"] == "actor/unicef"


def test_counterattacks_repelled_and_the_speakers_place() -> None:
    """Extractor 1.8.0: "an X counterattack ... was repelled" fails; the place of a speaker ("told a news
    conference in Ankara that ...", "Speaking in Geneva, X warned that ...") is not where the event is (a
    fronted "In Aleppo, activists said that ..." still is)."""
    assert one("A Hezbollah counterattack near Homs was repelled.", "MilitaryOffensive")["modality"] == "failed"
    assert "place" not in one("Putin told reporters in Moscow that the offensive would continue.",
                              "MilitaryOffensive")  # fmt: skip
    assert one("Speaking in Geneva, Kerry said that rebels had shelled Hama.", "Shelling")["place"] == "place/hama"
    assert one("In Idlib, activists said that jets had bombed a school.", "AirStrike")["place"] == "place/idlib"


def test_passive_dispatches_pulled_out_full_control_and_ahead_of() -> None:
    """Extractor 1.8.0: "US special forces have been sent to", "pulled hundreds of fighters out of", "took full
    control of", an offensive "ahead of"/"in preparation for" which forces mass is planned."""
    sent = one("Iranian troops have been sent to Hama.", "MilitaryMovement")
    assert (sent["agent"], sent["place"]) == (["actor/iranian-armed-forces", "actor/iran"], "place/hama")
    pulled = one("Hezbollah has pulled hundreds of fighters out of Homs.", "MilitaryMovement")
    assert (pulled["agent"], pulled["place"]) == ("actor/hezbollah", "place/homs")
    full = one("Government forces took full control of Handarat.", "TerritorialControlChange")
    assert full["agent"] == "actor/syrian-government-forces"
    ahead = one("Turkish troops massed on the border ahead of the offensive.", "MilitaryOffensive")
    assert ahead["modality"] == "planned"


def test_possessive_backers_drawn_criticism_blocked_attempts_and_funding() -> None:
    """Extractor 1.8.0: "X has long been Y's main backer", "X's support for Y" (support); "drew criticism from Z"
    (Z condemns; "X's ... has drawn criticism": X is the target); "blocked/vetoed a bid to refer" (a failed referral,
    not the blockers'); "has funded rebel factions" (support); "the armed opposition" opposes nobody."""
    backer = one("Russia has long been Assad's closest backer.", "Support")
    assert (backer["agent"], backer["beneficiary"]) == ("actor/russia", "actor/bashar-al-assad")
    sup = one("Iran's support for Hezbollah has drawn criticism.", "Support")
    assert (sup["agent"], sup["beneficiary"]) == ("actor/iran", "actor/hezbollah")
    crit = one("Iran's support for Hezbollah has drawn criticism.", "Condemnation")
    assert crit["target"] == "actor/iran" and "agent" not in crit
    drew = one("The strikes drew condemnation from Germany.", "Condemnation")
    assert drew["agent"] == "actor/germany" and "target" not in drew
    ref = one("China vetoed a bid to refer Syria to the ICC.", "Referral")
    assert ref["modality"] == "failed" and "agent" not in ref
    assert one("Qatar has funded rebel factions in Syria.", "Support")["beneficiary"] == "actor/syrian-rebels"
    assert not [f for f in facts("Qatar has funded the armed opposition in Syria.") if f["type"] == "Opposition"]


def test_phoned_and_discussed_topics() -> None:
    """Extractor 1.8.0: "X phoned/telephoned Y" is a meeting (a person must follow); what they "discuss" is a
    topic, neither place nor participant."""
    call = one("Putin telephoned Erdogan on Friday to discuss Idlib.", "Meeting")
    assert call["participant"] == ["actor/vladimir-putin", "actor/recep-tayyip-erdogan"] and "place" not in call
    assert not facts("The minister phoned home.")
    met = one("Zarif met Lavrov in Geneva to discuss Syria.", "Meeting")
    assert (met["participant"], met["place"]) == (["actor/mohammad-javad-zarif", "actor/sergey-lavrov"],
                                                  "place/geneva")  # fmt: skip


def test_joined_in_vetoing_draft_contents_and_bare_bases() -> None:
    """Extractor 1.8.0: "X joined Y in vetoing" (both veto), what a draft "condemns" is no condemnation by its
    sponsor, "plans to open a base in Egypt" (a bare base after a verb of setting up)."""
    assert one("China joined Russia in vetoing the draft.", "Veto")["agent"] == ["actor/china", "actor/russia"]
    assert not [f for f in facts("Moscow has threatened to veto any resolution that condemns Damascus.")
                if f["type"] == "Condemnation"]  # fmt: skip
    base = one("Iran has no plans to open a base in Yemen.", "MilitaryBaseAnnouncement")
    assert (base["agent"], base["place"], base["modality"], base["negated"]) == (
        "actor/iran", "place/yemen", "planned", True)  # fmt: skip


def test_no_target_past_a_subordinating_conjunction() -> None:
    """Extractor 1.8.0: the subject of a clause after "as", "when", "because" ... is no target of the event before
    it ("jets pounded Aleppo as government forces pressed an offensive")."""
    strike = one("Russian jets pounded Idlib as government forces pressed a ground offensive.", "AirStrike")
    assert "target" not in strike


def test_causatives_and_named_armed_modifiers() -> None:
    """Extractor 1.8.0: "would not allow X to seize" (planned, negated: the governing verb's cues), "sent tanks
    to help X drive Y out" (the aim, planned, without the sending's date), "US-led coalition air strikes" (a named
    armed group before a nominal trigger is its agent)."""
    allow = one("Ankara said it would not allow the YPG to seize Manbij.", "TerritorialControlChange")
    assert (allow["agent"], allow["modality"], allow["negated"]) == ("actor/ypg", "planned", True)
    aim = one("Turkey on Friday sent tanks into Syria to help Syrian rebels drive Islamic State out of Dabiq.",
              "TerritorialControlChange")  # fmt: skip
    assert aim["modality"] == "planned" and "date" not in aim
    assert one("The push is backed by US-led coalition air strikes.", "AirStrike")["agent"] == (
        "actor/us-led-coalition")  # fmt: skip


def test_attacked_bases_are_no_announcements() -> None:
    """Extractor 1.8.0: a base that is attacked ("the rebel attack on the air base", "shells hit the base") is a
    target, not a base announcement."""
    assert not [f for f in facts("Ten soldiers died in the rebel attack on the air base.")
                if f["type"] == "MilitaryBaseAnnouncement"]  # fmt: skip
    assert one("Russia will keep its naval base at Tartus.", "MilitaryBaseAnnouncement")["agent"] == "actor/russia"


def test_put_forward_drafts_and_withdrawn_signatures() -> None:
    """Extractor 1.8.0: "the text, put forward by X and Y," drafts; "withdrew its signature from" moves no troops."""
    put = one("The text, put forward by Egypt and Japan, calls for a truce.", "ResolutionDrafted")
    assert put["agent"] == ["actor/egypt", "actor/japan"]
    assert one("A proposal put forward by Spain was debated.", "ResolutionDrafted")["agent"] == "actor/spain"
    assert not [f for f in facts("Russia withdrew its signature from the Rome Statute.")
                if f["type"] == "MilitaryMovement"]  # fmt: skip


def test_lost_a_place_to_an_actor() -> None:
    """Extractor 1.8.0: "X lost <place> to Y": Y takes it from X (a place between, an actor after)."""
    lost = one("Rebels lost the Sukkari district to government forces.", "TerritorialControlChange")
    assert (lost["agent"], lost["target"], lost["place"]) == ("actor/syrian-government-forces",
                                                              "actor/syrian-rebels", "place/sukkari-aleppo")
    backed = one("Islamic State lost Dabiq to Turkish-backed rebels.", "TerritorialControlChange")
    assert (backed["agent"], backed["supporter"]) == ("actor/syrian-rebels", "actor/turkey")


def test_more_verbs_of_condemning_and_held_stances() -> None:
    """Extractor 1.8.0: "lambasted/castigated/rebuked X", "hit out at X", "voiced disapproval of the bombing" (no
    bomber from the condemner), "dropped its opposition to the X plan" (the holder's stance, negated)."""
    lam = one("London lambasted Moscow for its conduct in Aleppo.", "Condemnation")
    assert (lam["agent"], lam["target"]) == ("actor/united-kingdom", "actor/russia")
    assert one("Paris hit out at Beijing.", "Condemnation")["agent"] == "actor/france"
    dis = facts("Berlin voiced strong disapproval of the bombing.")
    assert [(f["type"], f.get("agent")) for f in dis] == [("Condemnation", "actor/germany"), ("AirStrike", None)]
    drop = one("Cairo has dropped its opposition to the Saudi plan.", "Opposition")
    assert (drop["agent"], drop["target"], drop["negated"]) == ("actor/egypt", "actor/saudi-arabia", True)


def test_said_to_and_believed_to_are_hedges() -> None:
    """Extractor 1.9.0: "are said to have", "is believed to have", "were reported to have" make the event reported
    (a hedge, not a speech act that keeps the event's own modality)."""
    said = one("Rebel fighters are said to have shelled western Aleppo overnight.", "Shelling")
    assert (said["modality"], said["agent"]) == ("reported", "actor/syrian-rebels")
    assert one("Syrian troops were reported to have captured a village near Hama.",
               "TerritorialControlChange")["modality"] == "reported"  # fmt: skip


def test_tally_words_size_of_body_and_compound_numbers() -> None:
    """Extractor 1.9.0: "the 15-member body" gives the vote's memberCount, "thirty-two votes to five" counts 32,
    and "won nine votes in favour" / "a vote for the first time" are no vote positions."""
    won = facts("The British text won nine votes in favour in the 15-member body on Monday.")
    assert [f["type"] for f in won] == ["Vote"] and won[0]["properties"] == {"inFavourCount": 9, "memberCount": 15}
    hrc = one("The text passed the Human Rights Council by thirty-two votes to five.", "Vote")
    assert (hrc["properties"]["inFavourCount"], hrc["properties"]["againstCount"]) == (32, 5)
    first = facts("Beijing abstained, breaking ranks with Moscow on a Syria vote for the first time.")
    assert [f["properties"]["position"] for f in first if f["type"] == "VotePosition"] == ["Abstain"]


def test_rebukes_drawn_from_a_capital_or_a_country() -> None:
    """Extractor 1.9.0: "drawing a sharp rebuke/reprimand from Riyadh / the Netherlands" (the capital or the
    country's territory after "from" is the condemning state; the one who drew it is the target); "a proposed X"
    before a later trigger plans nothing."""
    reb = one("Cairo backed the Russian draft, drawing a sharp rebuke from Riyadh.", "Condemnation")
    assert (reb["agent"], reb["target"], reb.get("place")) == ("actor/saudi-arabia", "actor/egypt", None)
    dutch = one("Moscow blocked a proposed tribunal, drawing a stern reprimand from the Netherlands.", "Condemnation")
    assert (dutch["agent"], dutch["target"], dutch["modality"]) == ("actor/netherlands", "actor/russia", "completed")
    assert one("The move drew criticism from Paris.", "Condemnation")["agent"] == "actor/france"


def test_pushing_back_against_and_held_support() -> None:
    """Extractor 1.9.0: "pushed back against X's plan", "balked at", "took issue with" oppose (no ground taken);
    "will keep up / continued / stepped up its support for Y" and "stood shoulder to shoulder with Y" support."""
    push = one("Rome pushed back against Berlin's plan.", "Opposition")
    assert (push["agent"], push["target"]) == ("actor/italy", "actor/germany")
    assert not [f for f in facts("Rome pushed back against Berlin's plan.") if f["type"] == "TerritorialControlChange"]
    assert one("Egypt balked at the Saudi plan.", "Opposition")["target"] == "actor/saudi-arabia"
    keep = one("Tehran will keep up its military support for Damascus.", "Support")
    assert (keep["agent"], keep["beneficiary"], keep["modality"]) == ("actor/iran", "actor/syria", "planned")
    assert one("Moscow stepped up its backing for Assad.", "Support")["beneficiary"] == "actor/bashar-al-assad"
    assert one("Beijing stood shoulder to shoulder with Moscow.", "Support")["beneficiary"] == "actor/russia"


def test_armed_groups_moved_by_passive_transport_verbs() -> None:
    """Extractor 1.9.0: "militiamen loyal to Damascus have been bussed into Aleppo", "troops were trucked to"
    (an armed subject; "aid was flown into Aleppo" is no troop movement)."""
    bus = one("Scores of militiamen loyal to Damascus were bussed into eastern Hama.", "MilitaryMovement")
    assert (bus["agent"], bus["place"]) == ("actor/pro-government-armed-groups", "place/hama")
    assert not [f for f in facts("Food was flown into Aleppo by the UN.") if f["type"] == "MilitaryMovement"]


def test_vetoes_wielded_exercised_invoked() -> None:
    """Extractor 1.9.0: "wielded/exercised/invoked its veto" is the subject's veto (the verb is the veto's own)."""
    wield = one("Moscow on Friday wielded its veto for the sixth time.", "Veto")
    assert (wield["agent"], wield["properties"]["ordinal"], wield["date"]) == ("actor/russia", 6, "2016-10-07")
    assert one("Beijing exercised its veto.", "Veto")["agent"] == "actor/china"


def test_resolutions_adopted_by_a_forum_penned_drafts_and_vetoed_attempts() -> None:
    """Extractor 1.9.0: "a resolution on X was approved by the Human Rights Council", "Resolution 2334, adopted in
    December," adopt; "the drafts were rejected by the council" fail (plural drafts are no Opposition); "a text,
    penned by X and Y," and "a British-drafted bid" draft; "an attempt to refer the Libyan war to the ICC was vetoed
    by X" is a failed referral (the vetoer refers nothing; the war's country is the place)."""
    hrc = one("A resolution on the siege of Homs was approved by the Human Rights Council.", "ResolutionAdopted")
    assert hrc["forum"] == "actor/un-human-rights-council"
    assert not [f for f in facts("The plan was approved by Moscow.") if f["type"] == "ResolutionAdopted"]
    assert one("Resolution 2334, adopted in December, condemned settlements.", "ResolutionAdopted")["month"] == (
        "2015-12")  # fmt: skip
    rej = facts("The rival drafts were rejected by the Security Council.")
    assert [f["type"] for f in rej if f["type"] != "DraftResolution"] == ["ResolutionFailed"]
    pen = one("A text, penned by Japan and Uruguay, was circulated.", "ResolutionDrafted")
    assert pen["agent"] == ["actor/japan", "actor/uruguay"]
    assert one("A British-drafted bid to end the siege was blocked.", "ResolutionDrafted")["agent"] == (
        "actor/united-kingdom")  # fmt: skip
    ref = one("An attempt to refer the Libyan war to the International Criminal Court was vetoed by China.",
              "Referral")  # fmt: skip
    assert (ref["modality"], ref.get("agent"), ref["place"]) == ("failed", None, "place/libya")


def test_rounds_fired_and_one_mention_of_two_overlapping_triggers() -> None:
    """Extractor 1.9.0: "did not fire a single round at" is a negated shelling (the howitzers that fire are its
    subject, no shelling of their own); "government howitzers" are the government's forces; overlapping triggers
    of one type are one fact and keep the negation ("Not a single aid lorry has entered X")."""
    none = facts("Army howitzers did not fire a single round at Hama on Sunday.")
    assert [(f["type"], f["negated"]) for f in none] == [("Shelling", True)]
    assert one("Government howitzers fired dozens of rounds into Homs.", "Shelling")["agent"] == (
        "actor/syrian-government-forces")  # fmt: skip
    lorry = facts("Not a single aid lorry has reached Homs since May 3.")
    assert [(f["type"], f["negated"]) for f in lorry] == [("AidCooperation", True)]


def test_counted_raids_and_adverbs_between_carrier_and_strike() -> None:
    """Extractor 1.9.0: "aircraft carried out at least 40 raids on X, killing 25 people" is an air strike and a
    report of 25 (a number before raids/strikes/rockets counts attacks, not victims); "its jets mistakenly struck"
    is an air strike."""
    raid = facts("Russian jets carried out more than 30 raids on Idlib, killing 12 civilians.")
    assert [f["type"] for f in raid] == ["AirStrike", "CasualtyReport"]
    assert raid[1]["properties"]["casualtyCount"] == 12 and raid[0]["place"] == "place/idlib"
    assert one("Coalition drones mistakenly struck a convoy near Mosul.", "AirStrike")["place"] == "place/mosul"


def test_ambushes_stalled_pushes_and_the_attacks_victims_died_in() -> None:
    """Extractor 1.9.0: "ambushed"/"an ambush" are offensives; "a rebel push to break the siege of X stalled" is a
    failed offensive (a lone push or advance that fails as its clause's subject); "were killed in a rebel ambush"
    names the ambushers as perpetrators."""
    amb = facts("Twelve soldiers were killed in a rebel ambush near Hama on Friday.")
    assert [f["type"] for f in amb] == ["CasualtyReport", "MilitaryOffensive"]
    assert amb[0]["perpetrator"] == "actor/syrian-rebels" and amb[1]["agent"] == "actor/syrian-rebels"
    push = one("A rebel push to break the siege of Homs from the north stalled on Sunday.", "MilitaryOffensive")
    assert (push["modality"], push["agent"], push["date"]) == ("failed", "actor/syrian-rebels", "2016-10-09")
    assert not [f for f in facts("The army advance continued.") if f["type"] == "MilitaryOffensive"]


def test_bridged_differences_brokered_truces_base_treaties_and_lost_ground() -> None:
    """Extractor 1.9.0: "failed to bridge their differences" is a failed agreement; "a truce brokered by X and Y"
    is X and Y's agreement (topic from the truce); an agreement on an air base is military cooperation; "denied
    losing any ground" names the subject as the loser (target)."""
    gap = one("Lavrov and Kerry failed to bridge their differences on Friday.", "Agreement")
    assert (gap["modality"], gap["participant"]) == ("failed", ["actor/sergey-lavrov", "actor/john-kerry"])
    truce = one("The ceasefire brokered by Ankara and Moscow held.", "Agreement")
    assert (truce["participant"], truce["topic"]) == (["actor/turkey", "actor/russia"], "Truce")
    assert not [f for f in facts("The deal brokered by Qatar freed the hostages.") if f["type"] == "Agreement"]
    base = one("Cairo signed an accord with Moscow on the use of an Egyptian air base.", "Agreement")
    assert base["topic"] == "MilitaryCooperation"
    lost = one("Rebels denied losing any ground near Hama.", "TerritorialControlChange")
    assert (lost.get("agent"), lost["target"], lost["negated"]) == (None, "actor/syrian-rebels", True)


def test_passive_verdicts_and_halted_strikes() -> None:
    """Extractor 1.9.0: "X's conduct was branded 'barbarism' by the American ambassador" (the by-phrase condemns,
    the subject is condemned; "was described as a crime by"; not "was called off by"); "no mention of halting air
    strikes", "ending the bombing": the strikes are what would stop, not a fact."""
    br = one("Moscow's conduct was branded 'barbarism' by the French ambassador.", "Condemnation")
    assert (br["agent"], br["target"]) == ("actor/france", "actor/russia")
    cr = one("The siege of Homs was described as a war crime by Berlin.", "Condemnation")
    assert cr["agent"] == "actor/germany"
    assert not facts("The summit was called off by Moscow.")
    assert not [f for f in facts("The text made no mention of halting air strikes.") if f["type"] == "AirStrike"]


def test_aid_carriers_organised_by_and_the_world_body() -> None:
    """Extractor 1.9.0: "a convoy of 25 trucks organised by X and Y delivered flour" (the organisers give it; a
    convoy that delivers needs no giver when it reaches a place); "the world body" is the UN."""
    org = one("A convoy of 30 lorries organised by the Red Cross and the United Nations delivered flour to Homs.",
              "AidCooperation")  # fmt: skip
    assert set(org["participant"]) >= {"actor/united-nations"} and org["place"] == "place/homs"
    assert one("A convoy of 12 trucks delivered flour to Hama on Sunday.", "AidCooperation")["place"] == "place/hama"
    assert one("The world body sent food to Homs.", "AidCooperation")["participant"] == "actor/united-nations"


def test_support_for_the_moderate_opposition() -> None:
    """Extractor 1.9.0: "support for the moderate Syrian opposition" (a group adjective and the demonym between
    the preposition and the rebels)."""
    mod = one("Paris will maintain its support for the moderate Syrian opposition, an aide said.", "Support")
    assert (mod["agent"], mod["beneficiary"], mod["modality"]) == ("actor/france", "actor/syrian-rebels", "planned")


def test_state_campaigns_and_speech_in_a_with_clause() -> None:
    """Extractor 1.9.0: "the Russian campaign", "Turkey's military intervention" are offensives of the state (not
    "a campaign to free the hostages"); "..., with the minister saying only that ..." is a Statement of its own
    after the sentence's other events ("X vetoed the draft, saying that ..." stays the veto alone)."""
    camp = facts("Rome declined to criticise the Turkish campaign, with the Italian Foreign Minister saying only "
                 "that all sides must talk.")  # fmt: skip
    assert [(f["type"], f.get("agent")) for f in camp][1:] == [("MilitaryOffensive", "actor/turkey"),
                                                              ("Statement", "actor/italy")]
    assert not [f for f in facts("The French campaign to free the hostages failed.")
                if f["type"] == "MilitaryOffensive"]  # fmt: skip
    assert [f["type"] for f in facts("Russia vetoed the draft, saying that it was biased.")] == ["Veto"]


def test_long_referral_objects_and_pauses_in_bombing() -> None:
    """Extractor 1.9.0: "take the bombing of eastern Homs to the ICC" refers it (no place taken); "a pause / lull in
    the bombardment" is no bombing."""
    ref = facts("Paris intends to take the bombing of eastern Homs to the International Criminal Court.")
    assert [f["type"] for f in ref] == ["Referral", "AirStrike"]
    assert (ref[0]["agent"], ref[0]["modality"], ref[0]["place"]) == ("actor/france", "planned", "place/homs")
    assert not facts("A lull in the shelling of Homs allowed aid in.")
    assert not facts("A pause in the bombardment of Hama took hold.")


def test_casualty_kind_without_a_count_and_suffered_injuries() -> None:
    """Extractor 1.9.0: "nobody was killed in X" is a negated report of the killed; "suffered/sustained (light)
    injuries/wounds" reports the injured."""
    assert one("Nobody was killed in Homs.", "CasualtyReport")["properties"] == {"casualtyType": "Killed"}
    hurt = one("Three passers-by suffered light injuries in Homs.", "CasualtyReport")
    assert (hurt["properties"]["casualtyType"], hurt["properties"]["casualtyCount"]) == ("Injured", 3)
    assert one("Several soldiers sustained serious wounds near Hama.", "CasualtyReport")["properties"] == {
        "casualtyType": "Injured"}


def test_doomed_drafts_voted_down_by_they_and_trained_backers() -> None:
    """Extractor 1.9.0: "the text appears doomed" is a considered failure; "X and Y signalled that they will vote
    it down" are two planned positions against ("they" is the coordinated actors before); "backed by
    Iranian-trained militiamen and Russian jets" names the militiamen and the jets as supporters."""
    doom = facts("The Japanese text appears doomed, with Paris and Berlin both signalling that they will vote it "
                 "down.")  # fmt: skip
    assert [(f["type"], f["modality"], f.get("agent")) for f in doom if f["type"] != "DraftResolution"] == [
        ("ResolutionFailed", "considered", None), ("VotePosition", "planned", "actor/france"),
        ("VotePosition", "planned", "actor/germany")]
    back = one("Backed by Afghan-trained militiamen and Russian jets, the army stormed Hama.", "MilitaryOffensive")
    assert back["supporter"] == ["actor/pro-government-armed-groups", "actor/russian-armed-forces"]


def test_aid_packages_announced_and_requested_evacuations() -> None:
    """Extractor 1.9.0: "unveiled/launched a 25-million-euro emergency aid initiative / a relief package for X" is
    announced aid; "urged Moscow to allow the evacuation of the wounded" requests an evacuation, none happened."""
    pkg = one("The EU unveiled a 30-million-euro emergency aid initiative for Homs on Sunday.", "AidCooperation")
    assert (pkg["participant"], pkg["place"], pkg["modality"]) == ("actor/european-union", "place/homs", "announced")
    assert one("Britain launched a new relief package for Yemen.", "AidCooperation")["modality"] == "announced"
    req = facts("Aid workers urged Damascus to allow the evacuation of the wounded from Homs.")
    assert not [f for f in req if f["type"] == "AidCooperation"]


def test_they_repelled_names_the_sentence_subject_as_target() -> None:
    """Extractor 1.9.0: "Rebels ... said they had repelled the assault": "they" is the actor opening the sentence,
    the target of the failed assault."""
    rep = one("Rebels denied losing ground near Hama and said they had repelled the assault.", "MilitaryOffensive")
    assert (rep["modality"], rep["target"], rep.get("agent")) == ("failed", "actor/syrian-rebels", None)


def test_an_attack_inside_a_shelling_trigger_is_that_shelling() -> None:
    """Extractor 1.9.0: "the mortar attack on X" is a shelling, not also an offensive."""
    assert [f["type"] for f in facts("Three people died in the mortar attack on Homs.")] == [
        "CasualtyReport", "Shelling"]


def test_control_verbs_wrest_annex_dislodge_win_back() -> None:
    """Extractor 1.10.0: "wrested X from Y", "was annexed by X", "unable to dislodge Y from X" and "win back" are
    changes of control like "seized" and "retook"."""
    tcc = "TerritorialControlChange"
    wr = one("Kurdish fighters wrested two hamlets near Raqqa from Islamic State on Friday.", tcc)
    assert (wr["target"], wr["place"], wr["date"]) == ("actor/islamic-state", "place/raqqa", "2016-10-07")
    an = one("Moscow annexed the peninsula in 2014.", "TerritorialControlChange")
    assert an["agent"] == "actor/russia"
    dis = one("The army failed to dislodge the rebels from Homs.", "TerritorialControlChange")
    assert (dis["modality"], dis["target"]) == ("failed", "actor/syrian-rebels")
    assert one("The rebels won back two villages near Hama.", tcc)["agent"] == "actor/syrian-rebels"


def test_movement_verbs_sail_roll_across_mass_south_of() -> None:
    """Extractor 1.10.0: "will sail for", "rolled across the border", "massed south of X", "moved armour / two
    divisions to X" and "moved on Friday towards X" are military movements."""
    assert one("Russia's warships will sail for the Black Sea next week.", "MilitaryMovement")["modality"] == "planned"
    roll = one("Turkish tanks rolled across the border into Syria on Friday.", "MilitaryMovement")
    assert (roll["agent"], roll["place"]) == ("actor/turkish-armed-forces", "place/syria")
    assert one("Iraqi troops have massed north of Mosul.", "MilitaryMovement")["place"] == "place/mosul"
    assert one("Turkey has moved extra armour to its border with Syria.", "MilitaryMovement")["agent"] == "actor/turkey"
    assert one("Russia moved two divisions to its border with Ukraine.", "MilitaryMovement")["agent"] == "actor/russia"
    mv = one("Iraqi troops moved on Friday towards Mosul.", "MilitaryMovement")
    assert (mv["place"], mv["date"]) == ("place/mosul", "2016-10-07")


def test_coming_offensive_is_planned() -> None:
    """Extractor 1.10.0: "the coming/upcoming/long-awaited assault" and "once/when the offensive begins" tell an
    offensive still to come (planned), not one that happened."""
    off = "MilitaryOffensive"
    assert one("Aid agencies stockpiled food for the upcoming assault on Raqqa.", off)["modality"] == "planned"
    assert one("Doctors fear the impending offensive on Homs.", off)["modality"] == "planned"
    assert one("Families fled Raqqa before the offensive on the city starts.", off)["modality"] == "planned"
    assert one("Families fled Raqqa after the offensive on the city.", off)["modality"] == "completed"


def test_drafter_in_a_relative_clause_and_hyphenated_drafter() -> None:
    """Extractor 1.10.0: "the text that France tabled" names France as drafter; "a vote on the Egyptian-drafted
    compromise" names Egypt (the demonym before the hyphen), not the council voting on it."""
    rel = one("The resolution that Britain circulated on Tuesday demands a ceasefire.", "ResolutionDrafted")
    assert (rel["agent"], rel["date"]) == ("actor/united-kingdom", "2016-10-04")
    hy = one("The council postponed a vote on the Japanese-drafted compromise.", "ResolutionDrafted")
    assert hy["agent"] == "actor/japan"
    assert not [f for f in facts("The resolution that the council adopted demands a halt.")
                if f["type"] == "ResolutionDrafted"]


def test_cues_before_a_relative_clause_stay_outside_it() -> None:
    """Extractor 1.10.0: a negation or modal before ", which/who ..." does not reach a trigger inside the relative
    clause ("has never accepted the loss of X, which was seized by Y": the seizure happened)."""
    rel = one("Baghdad will never accept the loss of the town, which was seized by Islamic State in 2014.",
              "TerritorialControlChange")
    assert (rel["agent"], rel["modality"], rel.get("negated", False)) == ("actor/islamic-state", "completed", False)


def test_fronted_participle_takes_the_main_subject_as_agent() -> None:
    """Extractor 1.10.0: "Having captured X, <subject> ..." / "After seizing X, <subject> ...": the subject after
    the comma captured it (it is not the target)."""
    hv = one("Having captured the airport near Homs, the rebels advanced north.", "TerritorialControlChange")
    assert hv["agent"] == "actor/syrian-rebels" and "target" not in hv
    af = one("After seizing the bridge, Islamic State fighters blew it up.", "TerritorialControlChange")
    assert af["agent"] == "actor/islamic-state"


def test_hyphenated_number_words_and_years_in_casualty_counts() -> None:
    """Extractor 1.10.0: "Thirty-two soldiers" is one figure (32, not 30 and 2); "since 2015" is a year, not a
    count."""
    hy = one("Thirty-two soldiers were killed near Hama on Friday.", "CasualtyReport")
    assert hy["properties"]["casualtyCount"] == 32 and "breakdown" not in hy
    yr = one("Jets that have pounded Raqqa since 2015 killed at least 14 fighters there.", "CasualtyReport")
    assert yr["properties"]["casualtyCount"] == 14
    deaths = one("The siege has caused the deaths of 2000 civilians in Homs.", "CasualtyReport")
    assert deaths["properties"]["casualtyCount"] == 2000  # a year-like count of people is still a count


def test_referral_as_the_aim_of_an_intention_noun() -> None:
    """Extractor 1.10.0: "the Dutch push / bid / threat to refer X to the ICC" is a planned referral by the owner of
    the push, not by whoever backs or rejects it."""
    push = one("Canada welcomed the Dutch bid to refer the case to the ICC.", "Referral")
    assert (push["modality"], push["agent"]) == ("planned", "actor/netherlands")
    thr = one("Damascus dismissed the British threat to take the matter to the International Criminal Court.",
              "Referral")
    assert (thr["modality"], thr["agent"]) == ("planned", "actor/united-kingdom")


def test_members_voting_alike_after_the_position() -> None:
    """"as did X and Y", "alongside X", "along with X": those members took the same position (one fact each);
    a non-actor after the marker adds nobody."""
    def positions(text: str) -> set[tuple[str, str]]:
        return {(f["agent"], f["properties"]["position"]) for f in facts(text) if f["type"] == "VotePosition"}

    assert positions("Japan voted for the French text, as did Senegal and Malaysia.") == {
        ("actor/japan", "InFavour"), ("actor/senegal", "InFavour"), ("actor/malaysia", "InFavour")}
    assert positions("Uruguay abstained on the Russian draft alongside Angola, while China lined up behind Moscow.") \
        == {("actor/uruguay", "Abstain"), ("actor/angola", "Abstain")}
    assert positions("Egypt voted against the resolution along with Venezuela and Bolivia.") == {
        ("actor/egypt", "Against"), ("actor/venezuela", "Against"), ("actor/bolivia", "Against")}
    assert positions("Japan voted for the French text, as did its ambassador.") == {("actor/japan", "InFavour")}


def test_un_readout_tallies_and_bracketed_positions() -> None:
    """Extractor 1.12.0: a readout's tally ("received 10 votes in favour to 3 against (Bolivia, Egypt), with 2
    abstentions (Angola, Uruguay)") is one vote, not negated by the "was not adopted" before it; the members in
    brackets take that position (one fact each); "a recorded vote of 98 in favour" counts the 98; "by 13 votes to
    none" is 13 to 0; a draft with a bracketed document number that "was not adopted" failed."""
    got = facts("The draft (document S/2016/900) was not adopted, having received 10 votes in favour to 3 against "
                "(Bolivia, Egypt), with 2 abstentions (Angola, Uruguay).")
    votes = [f for f in got if f["type"] == "Vote"]
    assert len(votes) == 1 and not votes[0].get("negated")
    assert votes[0]["properties"] == {"inFavourCount": 10, "againstCount": 3, "abstainCount": 2}
    assert {(f["agent"], f["properties"]["position"]) for f in got if f["type"] == "VotePosition"} == {
        ("actor/bolivia", "Against"), ("actor/egypt", "Against"), ("actor/angola", "Abstain"),
        ("actor/uruguay", "Abstain")}
    assert any(f["type"] == "ResolutionFailed" for f in got)
    rec = one("The Assembly adopted the measure by a recorded vote of 98 in favour to 20 against, with 40 "
              "abstentions.", "Vote")
    assert rec["properties"] == {"inFavourCount": 98, "againstCount": 20, "abstainCount": 40}
    nil = one("The council on Tuesday adopted resolution 2290 by 13 votes to none, with Angola abstaining.", "Vote")
    assert (nil["properties"]["inFavourCount"], nil["properties"]["againstCount"]) == (13, 0)
    won = one("The British text, which made no mention of sanctions, won just three votes.", "Vote")
    assert won["properties"]["inFavourCount"] == 3 and not won.get("negated")
    assert one("The British text did not win nine votes.", "Vote").get("negated")
    # a count in brackets is no member; brackets without a count before are no position
    assert not [f for f in facts("The resolution was adopted with strong support (Egypt, Japan).")
                if f["type"] == "VotePosition"]


def test_draft_falling_to_a_veto_and_postponed_votes() -> None:
    """Extractor 1.12.0: a draft that "fell to a Chinese veto" failed, and no ground changed hands (a town that
    "fell to the rebels" still did); a vote that "has been postponed" / "was put off" is planned and negated."""
    got = facts("The Spanish proposal fell to a Chinese veto on Tuesday.")
    assert {f["type"] for f in got} - {"DraftResolution"} == {"ResolutionFailed", "Veto"}
    assert one("Palmyra fell to Islamic State in May.", "TerritorialControlChange")["agent"] == "actor/islamic-state"
    for text in ("A Security Council vote on the Japanese-drafted text has been postponed until next week.",
                 "The vote on the Spanish draft was put off after objections from Cairo."):
        v = one(text, "Vote")
        assert (v["modality"], v.get("negated")) == ("planned", True), text
    assert "negated" not in one("A vote on the draft is expected on Friday.", "Vote")


def test_communique_subject_named_by_the_trailing_attribution() -> None:
    """Extractor 1.12.0: "The ministry firmly rejects X, the Iranian foreign ministry said": the nameless office
    that condemns, rejects or backs is the speaker of the trailing attribution; "the foreign ministry in Damascus",
    "the government in Kiev" are that state (not "talks in Moscow")."""
    opp = one("The ministry firmly rejects the British proposal to send troops, the Iranian foreign ministry said in "
              "a statement.", "Opposition")
    assert (opp["agent"], opp["target"]) == ("actor/iran", "actor/united-kingdom")
    con = one("The ministry strongly condemns the shelling of Idlib by rebels, the Russian defence ministry said on "
              "Monday.", "Condemnation")
    assert con["agent"] == "actor/russia"
    seat = one("The ministry firmly rejects the British threat, the foreign ministry in Damascus said.", "Opposition")
    assert seat["agent"] == "actor/syria"
    assert one("The government in Kiev condemned the shelling.", "Condemnation")["agent"] == "actor/ukraine"
    assert not [f for f in facts("The ministry condemns the attack.") if f["type"] == "Condemnation"]


def test_referral_with_a_long_object_and_the_rome_statute() -> None:
    """Extractor 1.12.0: "the Rome Statute" names a treaty, not Rome (no place, no Italian actor); "referred the
    situation in its northern regions to the ICC" is a referral (a longer object after "refer") of the referring
    state's own territory."""
    gab = one("Gabon, which has signed the Rome Statute, asked the International Criminal Court to investigate.",
              "Referral")
    assert gab["agent"] == "actor/gabon" and "place" not in gab
    mali = one("Mali, which is a party to the Rome Statute, referred the situation in its northern regions to the "
               "International Criminal Court in July 2012.", "Referral")
    assert (mali["agent"], mali["place"], mali["month"]) == ("actor/mali", "place/mali", "2012-07")
    assert not [f for f in facts("Ministers meeting in Rome referred the question to a committee.")
                if f["type"] == "Referral"]


def test_demonym_air_strikes_are_the_armed_forces() -> None:
    """Extractor 1.12.0: "Russian air strikes", "under cover of Russian airstrikes": the strikes of Russia's armed
    forces (as "Russian jets", "Russian air power"), not of the state."""
    assert one("Russian air strikes hit Idlib on Friday.", "AirStrike")["agent"] == "actor/russian-armed-forces"
    cover = one("Under cover of Russian airstrikes, Syrian troops advanced on Hama.", "AirStrike")
    assert cover["agent"] == "actor/russian-armed-forces"
    assert one("Russian jets struck targets near Idlib.", "AirStrike")["agent"] == "actor/russian-armed-forces"


def test_ground_lost_to_an_actor() -> None:
    """Extractor 1.12.0: "X lost ground to Y", "lost much of that ground to a counter-attack by Y": Y took it
    from X (no place needed between "lost" and "to"); a demonym or nobody after "to" gives no such fact."""
    ypg = one("Islamic State lost ground to the YPG near Raqqa.", "TerritorialControlChange")
    assert (ypg["agent"], ypg["target"]) == ("actor/ypg", "actor/islamic-state")
    got = [f for f in facts("Rebels who had taken villages near Idlib in July have since lost much of that ground to "
                            "a counter-attack by the Syrian army.") if f["type"] == "TerritorialControlChange"]
    assert any(f.get("agent") == "actor/syrian-government-forces" and f.get("target") == "actor/syrian-rebels"
               for f in got)
    lost = one("Rebels lost the Farafira district to government forces.", "TerritorialControlChange")
    assert (lost["agent"], lost["target"]) == ("actor/syrian-government-forces", "actor/syrian-rebels")


def test_relative_pronoun_subject_takes_its_antecedent() -> None:
    """Extractor 1.12.0: "blocked by Russia and China, which both cast vetoes", "by Russia, which cast its veto":
    the relative pronoun that is the trigger's subject stands for the actor right before ", which"; a place before
    it is no agent."""
    both = one("The British draft was blocked by Russia and China, which both cast vetoes.", "Veto")
    assert set(both["agent"]) == {"actor/russia", "actor/china"}
    assert one("The text was blocked by Russia, which cast its veto on Saturday.", "Veto")["agent"] == "actor/russia"
    assert "agent" not in one("Aleppo, which was bombed on Friday, is besieged.", "AirStrike")


def test_members_backing_a_named_draft_vote_for_it() -> None:
    """Extractor 1.12.0: "Japan, Ukraine and New Zealand all backed the French text" are three votes in favour of the
    French draft (one fact each), not support for France; "opposed the British draft at the council" is a vote
    against; a plan or an agreement's text is no draft."""
    got = facts("Japan, Ukraine and New Zealand all backed the French text.")
    assert {(f["agent"], f["properties"]["position"]) for f in got if f["type"] == "VotePosition"} == {
        ("actor/japan", "InFavour"), ("actor/ukraine", "InFavour"), ("actor/new-zealand", "InFavour")}
    assert not [f for f in got if f["type"] == "Support"]
    assert one("Egypt opposed the British draft at the council.", "VotePosition")["properties"]["position"] == "Against"
    assert not [f for f in facts("Germany supported the text of the agreement.") if f["type"] == "VotePosition"]
    assert one("Berlin backed the French plan.", "Support")["beneficiary"] == "actor/france"


def test_restored_control_backing_of_members_and_announced_deeds() -> None:
    """Extractor 1.12.0: "restored security and stability to X", "restored control over X" is a control change;
    a draft "winning the backing of just three council members" got three votes in favour; "announced that its units
    had restored ..." reports a deed (completed), while "announced that it will launch" stays announced."""
    rs = one("Syrian troops restored security and stability to the Handarat camp on Saturday.",
             "TerritorialControlChange")
    assert (rs["agent"], rs["place"]) == ("actor/syrian-government-forces", "place/handarat-aleppo")
    assert one("The army restored control over Palmyra in March.", "TerritorialControlChange")["place"] == \
        "place/palmyra"
    v = one("The rival text was rejected, winning the backing of just three council members.", "Vote")
    assert v["properties"]["inFavourCount"] == 3
    done = one("The army announced on Saturday that its units had restored security to the Handarat camp.",
               "TerritorialControlChange")
    assert done["modality"] == "completed"
    assert one("The army announced that it will launch an offensive on Raqqa.", "MilitaryOffensive")["modality"] == \
        "announced"


def test_veto_owner_of_an_ordinal() -> None:
    """Extractor 1.12.0: "Tuesday's veto, China's third on Myanmar", "the veto ... was China's third": the owner
    of the ordinal cast the veto, and the ordinal is its count; another owner's "first reaction" names no vetoer."""
    app = one("Tuesday's veto, China's third on Myanmar since 2007, angered London.", "Veto")
    assert (app["agent"], app["properties"]["ordinal"], app["date"]) == ("actor/china", 3, "2016-10-04")
    cop = one("Tuesday's veto of the British draft was China's third on a Myanmar text.", "Veto")
    assert (cop["agent"], cop["properties"]["ordinal"]) == ("actor/china", 3)
    assert not [f for f in facts("The veto was criticised in France's first reaction.") if f["type"] == "Veto"]


def test_readout_negative_vote_of_a_permanent_member() -> None:
    """Extractor 1.12.0: the UN readout formula "failed to adopt ..., owing to the negative vote of a permanent
    member" is a completed veto in the Security Council by an unnamed member (not planned because the draft "would
    have demanded")."""
    v = one("The Security Council today failed to adopt a draft resolution that would have demanded a truce in Yemen, "
            "owing to the negative vote of a permanent member.", "Veto")
    assert (v["modality"], v["forum"], v["date"]) == ("completed", "actor/un-security-council", "2016-10-10")
    assert "agent" not in v and not v.get("negated")


def test_draft_short_of_the_votes_needed() -> None:
    """Extractor 1.12.0: a draft that won five votes, "well short of the nine needed for adoption", failed; aid
    "short of the 50 trucks needed" is no draft."""
    got = facts("The Chinese text won just five votes, well short of the nine needed for adoption.")
    assert any(f["type"] == "ResolutionFailed" for f in got)
    assert not [f for f in facts("The aid fell well short of the 50 trucks needed.") if f["type"] == "ResolutionFailed"]


def test_abbreviated_month_day_is_no_casualty_count() -> None:
    """Extractor 1.13.0: in a timeline entry "Oct. 8 — ... killing at least 12 people" the day after an
    abbreviated month ("Oct.", "Sept.", "Dec") is a date, not the casualty count."""
    c = one("Oct. 8 — Gunmen stormed a village in the north, killing at least 12 people, officials said.",
            "CasualtyReport")
    assert (c["properties"]["casualtyCount"], c["date"]) == (12, "2016-10-08")
    w = one("Sept. 14 — Shelling wounded three soldiers near the town, the army said.", "CasualtyReport")
    assert (w["properties"]["casualtyCount"], w["properties"]["victimCategory"]) == (3, "Combatants")


def test_denied_that_negates_the_reported_deed() -> None:
    """Extractor 1.13.0: "X denied that Turkish jets had bombed ...", "denied reports that ... had shelled": the
    deed in the denied clause is negated; "did not deny that" negates nothing."""
    assert one("The ministry in Ankara on Monday denied that Turkish jets had bombed a Kurdish village near the "
               "border.", "AirStrike").get("negated") is True
    assert one("Rebel commanders again denied reports that Islamist fighters had shelled the market.",
               "Shelling").get("negated") is True
    assert not one("Ankara did not deny that Turkish jets had bombed the village.", "AirStrike").get("negated")


def test_count_of_places_hit_is_no_casualty_count() -> None:
    """Extractor 1.13.0: "have hit at least six schools ... and killed at least 40 civilians", "struck three
    government-held villages, killing nine people": the number before a place or thing hit counts targets, not
    victims; "killed 12 people in two villages" keeps 12."""
    c = one("Coalition jets have hit at least six schools in the province since March and killed at least 40 "
            "civilians, the group said.", "CasualtyReport")
    assert (c["properties"]["casualtyCount"], c["properties"]["victimCategory"]) == (40, "Civilians")
    v = one("Artillery fire struck three government-held villages on Monday, killing nine people.", "CasualtyReport")
    assert v["properties"]["casualtyCount"] == 9
    assert one("Shelling killed 12 people in two villages.", "CasualtyReport")["properties"]["casualtyCount"] == 12


def test_coordinated_places_stay_places() -> None:
    """Extractor 1.13.0: "bases in Egypt and Libya", "rebel areas in Syria and Iraq": a coordinated pair of
    places behind a locative word gives both places (the merged group mention kept only actors); "talks between
    Russia and Turkey in Geneva" still takes place in Geneva only."""
    b = one("Moscow is considering reopening military bases in Egypt and Libya, an official said.",
            "MilitaryBaseAnnouncement")
    assert (b["agent"], b["place"]) == ("actor/russia", ["place/egypt", "place/libya"])
    assert one("Jets bombed rebel areas in Syria and Iraq on Monday.", "AirStrike")["place"] == \
        ["place/syria", "place/iraq"]
    assert one("Talks between Russia and Turkey in Geneva ended on Monday.", "Meeting")["place"] == "place/geneva"


def test_stopped_short_of_negates_the_next_deed() -> None:
    """Extractor 1.13.0: "stopped short of condemning ...", "stopped short of backing ...": the deed right after
    the idiom was not done; the strikes it names still happened."""
    got = facts("Berlin stopped short of condemning the Russian air strikes on Aleppo.")
    assert [f.get("negated") for f in got if f["type"] == "Condemnation"] == [True]
    assert not [f for f in got if f["type"] == "AirStrike" and f.get("negated")]
    assert one("Paris stopped short of backing the rebels.", "Support").get("negated") is True


def test_capture_of_a_place_held_by_the_target() -> None:
    """Extractor 1.13.0: "captured the last district of Sirte still held by Islamic State", "recaptured two
    villages held by Islamic State": the holder named after "held by" lost the ground."""
    t = one("Government forces captured the last district of Sirte still held by Islamic State.",
            "TerritorialControlChange")
    assert (t["target"], t["place"]) == ("actor/islamic-state", "place/sirte")
    assert one("Iraqi troops recaptured two villages held by Islamic State near Mosul.",
               "TerritorialControlChange")["target"] == "actor/islamic-state"


def test_a_day_after_dates_the_earlier_event() -> None:
    """Extractor 1.13.0: "summoned the envoy on Sunday, a day after Russian jets bombed ...": the event after
    "a day after" took place the day before the date named first; the main clause keeps its own date."""
    got = facts("Ankara summoned the envoy on Sunday, a day after Russian jets bombed a Turkish position in Syria.")
    assert [f["date"] for f in got if f["type"] == "AirStrike"] == ["2016-10-08"]
    assert one("Ankara protested on Sunday, a day after the vote.", "Opposition")["date"] == "2016-10-09"
    two = one("Russian jets bombed Idlib on Thursday, two days before the talks in Geneva collapsed.", "AirStrike")
    assert two["date"] == "2016-10-06"


def test_capital_before_a_part_of_the_city_is_a_place() -> None:
    """Extractor 1.13.0: "near Baghdad's airport", "Damascus's eastern suburbs": a capital owning a part of the
    city is the place hit, not the government as perpetrator or target."""
    c = one("A car bomb near Baghdad's airport killed at least 12 people on Monday.", "CasualtyReport")
    assert c["place"] == "place/baghdad" and "perpetrator" not in c
    sh = one("Shells hit Damascus's eastern suburbs on Monday.", "Shelling")
    assert sh["place"] == "place/damascus" and "target" not in sh


def test_passive_text_drafted_by() -> None:
    """Extractor 1.13.0: "The text was sponsored by France and Britain", "the draft resolution was tabled by Egypt":
    a passive of drafting after the text names its drafters; a list with "the" after a comma ("France, the United
    Kingdom and the United States") names them all."""
    d = one("The text was sponsored by France and Britain.", "ResolutionDrafted")
    assert d["agent"] == ["actor/france", "actor/united-kingdom"]
    three = one("The text was sponsored by France, the United Kingdom and the United States.", "ResolutionDrafted")
    assert three["agent"] == ["actor/france", "actor/united-kingdom", "actor/united-states"]
    assert one("The draft resolution was tabled by Egypt on Friday.", "ResolutionDrafted")["agent"] == "actor/egypt"


def test_superlative_since_is_no_event_time() -> None:
    """Extractor 1.13.0: "the deadliest attack in the city since July", "the heaviest bombardment since the start
    of September": the date ends a comparison, so the clause's events keep their own date (or none); "have
    shelled the town since July" keeps its since-date."""
    got = facts("A car bomb killed 30 people on Sunday, the deadliest attack in the city since July.")
    assert not [f for f in got if "since" in f]
    assert one("It was the worst shelling of the city since 2014.", "Shelling").get("since") is None
    sh = one("Oct. 7 — Rebels shelled the town overnight, in what monitors called the heaviest bombardment since "
             "the start of September.", "Shelling")
    assert sh["date"] == "2016-10-07"
    assert one("Government forces have shelled the town since July.", "Shelling")["since"] == "2016-07-01"


def test_bare_capitalised_secretary_general_is_the_un_one() -> None:
    """Extractor 1.13.0: "The Secretary-General condemns the attack": the bare capitalised title is the UN
    Secretary-General in office; "NATO's secretary general" stays NATO's."""
    assert one("The Secretary-General condemns the attack on the camp.", "Condemnation")["agent"] == \
        "actor/ban-ki-moon"
    assert one("NATO's secretary general condemned the attack.", "Condemnation")["agent"] == "actor/nato"


def test_vote_before_a_time_and_the_end_of_the_month() -> None:
    """Extractor 1.13.0: "are due to vote before the end of the month on a draft", "will vote by Friday": a
    planned vote without "on" after the verb; "the end of the month" is this month. Voters in an election cast
    no council vote."""
    v = one("Council members are due to vote before the end of the month on a draft extending the UN mission in "
            "Haiti, diplomats said.", "Vote")
    assert (v["modality"], v["forum"], v["month"]) == ("planned", "actor/un-security-council", "2016-10")
    assert one("The council will vote by Friday.", "Vote")["date"] == "2016-10-14"
    assert not [f for f in facts("Voters will vote before the end of the month in the presidential election.")
                if f["type"] == "Vote"]


def _failed(text: str) -> list[dict[str, Any]]:
    return [f for f in facts(text) if f["type"] == "ResolutionFailed"]


def test_draft_failure_phrasings() -> None:
    """Extractor 1.14.0: a draft that a member vetoed ("the British text that China vetoed on Monday"), a draft
    with a participle clause before its failure ("a text urging a truce in Yemen was rejected by the council", "a
    draft imposing an arms embargo was not adopted"), a text "shot down" or "struck down", and a bare "the draft
    fell" are failed drafts. A plane shot down and prices that fell are none."""
    rf = _failed("The British text that China vetoed on Monday would have imposed sanctions on the junta.")
    assert len(rf) == 1 and rf[0]["date"] == "2016-10-10" and rf[0]["modality"] == "completed"
    assert len(_failed("A text urging a truce in Yemen was rejected by the council on Tuesday.")) == 1
    assert len(_failed("A draft imposing an arms embargo on the junta was not adopted.")) == 1
    assert len(_failed("The Egyptian proposal was shot down within minutes.")) == 1
    assert len(_failed("Moscow has struck down three Western-backed drafts since 2011.")) == 1
    assert len(_failed("Nine members backed the draft, but one permanent member voted against it and the text "
                       "fell.")) == 1
    rf = _failed("Twelve members voted in favour, but as one of the no votes was cast by a permanent member, the "
                 "draft fell.")
    assert len(rf) == 1 and not rf[0].get("negated")  # a "no vote" is a vote against, no negation
    assert not _failed("Rebels shot down a government helicopter near Hama.")
    assert not _failed("Oil prices fell on Monday.")
    assert not _failed("A convoy carrying food to Aleppo was blocked by the army on Tuesday.")


def test_according_to_before_a_description_of_the_source() -> None:
    """Extractor 1.14.0: ", according to the Observatory, a Britain-based monitor." and ", according to
    activists, who said ...": the hedge opens the trailing attribution even when the source is described after
    it, so the event before it is reported."""
    for text in ("Government forces recaptured the village of Maan on Monday, according to the Syrian Observatory "
                 "for Human Rights, a Britain-based monitoring group.",
                 "Government forces recaptured the village of Maan on Monday, according to local activists, who "
                 "said the army had brought in reinforcements from Hama."):
        tcc = [f for f in facts(text) if f["type"] == "TerritorialControlChange"]
        assert len(tcc) == 1 and tcc[0]["modality"] == "reported", text
    assert one("Government forces recaptured the village of Maan on Monday.", "TerritorialControlChange")[
        "modality"] == "completed"


def test_forces_the_gazetteer_does_not_define_also_name_their_state() -> None:
    """Extractor 1.14.0: "Algerian troops", "Nigerian government forces": forces the gazetteer does not define
    are declared (minted) and the event also names their state, so it links to a known actor; the event id still
    names the forces. Forces the gazetteer defines stay alone."""
    mm = one("Algerian troops moved towards the Libyan border on Monday.", "MilitaryMovement")
    assert mm["agent"] == ["actor/algerian-armed-forces", "actor/algeria"]
    assert "algeria-" not in mm["id"]
    off = one("Nigerian government forces launched an offensive on Boko Haram in Maiduguri on Sunday.",
              "MilitaryOffensive")
    assert set(off["agent"]) == {"actor/nigerian-government-forces", "actor/nigeria"}
    assert one("Russian jets bombed Idlib on Monday.", "AirStrike")["agent"] == "actor/russian-armed-forces"


def test_superlative_attack_ranks_the_reported_event() -> None:
    """Extractor 1.14.0: "..., the deadliest attack in the city this year", "in what doctors called one of the
    deadliest single attacks of the war": the superlative ranks the bombing or strike the sentence reports; it is
    no second, military offensive. "Rebels attacked an army post" still is one."""
    for text in ("A suicide car bomb killed 25 people at a market in Kabul on Monday, the deadliest attack in the "
                 "city this year.",
                 "Air strikes hit a hospital in Aleppo, in what doctors called one of the deadliest single attacks of "
                 "the war.",
                 "Gunmen killed 14 worshippers in a mosque near Kano, the most lethal attack in the region since "
                 "2014."):
        assert not [f for f in facts(text) if f["type"] == "MilitaryOffensive"], text
    assert one("Rebels attacked an army post near Hama on Monday.", "MilitaryOffensive")["modality"] == "completed"


def test_battle_for_a_place_is_an_offensive() -> None:
    """Extractor 1.14.0: "the coming battle for Raqqa", "before the battle for Mosul begins": a battle for a named
    place is a military offensive (planned when still to come); the subject of another verb does not fight it,
    the subject of "began/joined the battle" does. A fight for survival is none."""
    b = one("Ankara objected to any Kurdish role in the coming battle for Raqqa.", "MilitaryOffensive")
    assert (b["modality"], b["place"], b.get("agent")) == ("planned", "place/raqqa", None)
    b = one("The Pentagon will not send more troops before the battle for Mosul begins.", "MilitaryOffensive")
    assert (b["modality"], b["place"]) == ("planned", "place/mosul")
    b = one("Kurdish fighters joined the battle for control of Manbij in June.", "MilitaryOffensive")
    assert (b["modality"], b["place"], b["month"]) == ("completed", "place/manbij", "2016-06")
    assert not [f for f in facts("The fight for survival goes on in Taiz.") if f["type"] == "MilitaryOffensive"]


def test_next_and_last_weekday_whatever_the_tense() -> None:
    """Extractor 1.14.0: "next Saturday" is the coming Saturday and "last Saturday" the past one even in a clause
    told in another tense ("Few expect next Saturday's talks in Lausanne to produce a breakthrough")."""
    got = one("Few expect next Saturday's talks between Kerry and Lavrov in Lausanne to produce a breakthrough.",
              "Meeting")
    assert got["date"] == "2016-10-15"
    assert one("Kerry and Lavrov will meet in Lausanne next Saturday.", "Meeting")["date"] == "2016-10-15"
    assert one("Kerry and Lavrov met in Lausanne last Saturday.", "Meeting")["date"] == "2016-10-08"


def test_named_gathering_with_its_venue_needs_no_two_parties() -> None:
    """Extractor 1.14.0: "the European Union's emergency summit in Brussels", "at its Lisbon summit": a
    summit, meeting, talks or conference named with its venue is a Meeting even with one party or none; a
    pledge made at it does not make the summit announced. A gathering called for is none."""
    m = one("The European Union's emergency summit on Syria in Brussels ended on Monday without a statement.",
            "Meeting")
    assert (m["participant"], m["date"], m["modality"]) == ("actor/european-union", "2016-10-10", "completed")
    assert "place/brussels" in m["place"]
    m = one("NATO promised more help for Kabul at its Lisbon summit in June.", "Meeting")
    assert (m["participant"], m["place"], m["month"], m["modality"]) == ("actor/nato", "place/lisbon", "2016-06",
                                                                          "completed")
    assert not [f for f in facts("The minister called for talks in Geneva.") if f["type"] == "Meeting"]


def test_base_named_as_a_place_is_no_base_announcement() -> None:
    """Extractor 1.14.0: "clashes near the Kuweires air base", "recaptured the Tabqa air base", "moved a radar to
    its naval facility at Tartus": the base is where something happens or what is taken, no base is announced.
    "plans a new air base in Belarus" and "will open a military base in Djibouti" still are announcements."""
    for text in ("Rebels clashed with the army near the Kuweires air base on Monday.",
                 "Government forces recaptured the Tabqa air base from Islamic State in June.",
                 "Russia has moved a radar to its naval facility at Tartus, the defence ministry said."):
        assert not [f for f in facts(text) if f["type"] == "MilitaryBaseAnnouncement"], text
    assert one("China will open a military base in Djibouti next year.", "MilitaryBaseAnnouncement")[
        "modality"] == "planned"
    assert [f for f in facts("Moscow will move bombers to a new air base in Belarus.")
            if f["type"] == "MilitaryBaseAnnouncement"]


def test_driven_out_with_a_pronoun_or_a_long_object_and_cleared() -> None:
    """Extractor 1.14.0: "before government troops drove them out", "had driven the fighters loyal to the
    renegade general, Khalifa Haftar, out of two villages", "cleared most of Homs": a change of control. "The vote
    cleared the way" and "cleared him of all charges" are none."""
    def tcc(text: str) -> list[dict[str, Any]]:
        return [f for f in facts(text) if f["type"] == "TerritorialControlChange"]

    assert any(f.get("agent") == "actor/syrian-government-forces" for f in tcc(
        "Islamic State seized a village near Palmyra on Monday before government troops drove them out."))
    assert tcc("The army said it had driven the fighters loyal to the renegade general, Khalifa Haftar, out of two "
               "villages near Homs.")[0]["place"] == "place/homs"
    assert tcc("Government troops cleared most of Homs on Monday.")[0]["place"] == "place/homs"
    assert not tcc("The vote cleared the way for sanctions.")
    assert not tcc("The court cleared him of all charges.")


def test_hyphen_backed_actor_is_a_support() -> None:
    """Extractor 1.14.0: "forces loyal to Libya's UN-backed unity government", "clashes with Turkish-backed
    rebels": the backer supports the backed. Where the backed actor's event records the backer as its supporter
    ("Russian-backed Syrian forces have made gains") no separate Support is stated; "Western-backed drafts" back
    nobody."""
    s = one("Forces loyal to Libya's UN-backed unity government took most of Sirte on Sunday.", "Support")
    assert (s["agent"], s["beneficiary"]) == ("actor/united-nations", "actor/libya")
    assert not [f for f in facts("Russian-backed Syrian forces have made gains in Aleppo.") if f["type"] == "Support"]
    assert not [f for f in facts("China joined it in striking down Western-backed drafts.") if f["type"] == "Support"]


def test_draft_rejected_as_a_verdict_is_opposition() -> None:
    """Extractor 1.14.0: "London rejected the Russian draft as a one-sided distraction": a verdict on the draft
    opposes its sponsor (before: dropped like "Russia rejected the French draft", which stays dropped, and "the
    council rejected the draft", which stays a failed draft)."""
    o = one("London rejected the Russian draft as a one-sided distraction, the British envoy said.", "Opposition")
    assert (o["agent"], o["target"]) == ("actor/united-kingdom", "actor/russia")
    assert not [f for f in facts("China rejected the French draft.") if f["type"] == "Opposition"]


def test_refusal_to_accept_is_opposition() -> None:
    """Extractor 1.14.0: "Moscow will not accept any settlement that excludes Assad", "Kiev refuses to recognise the
    annexation": an objection by the subject, stated now (completed); only the thing refused right after the verb
    is its target (not Assad inside the relative clause). A passive with nobody named is none."""
    o = one("Moscow will not accept any settlement that excludes Assad, a Kremlin spokesman said.", "Opposition")
    assert (o["agent"], o["modality"], o.get("target"), o.get("negated")) == ("actor/russia", "completed", None,
                                                                              None)
    assert one("Kiev refuses to recognise the annexation of Crimea.", "Opposition")["agent"] == "actor/ukraine"
    assert not [f for f in facts("The terms were never accepted.") if f["type"] == "Opposition"]


def test_truce_named_before_the_agreement_trigger() -> None:
    """Extractor 1.14.0: "the ceasefire deal that Ankara and Moscow brokered", "the truce Moscow and Ankara had
    agreed": the agreement is a truce though the truce noun comes before the trigger; "After the ceasefire
    collapsed, they agreed to meet" is no truce."""
    a = one("The rebels rejected the ceasefire deal that Turkey and Russia had reached in Ankara.", "Agreement")
    assert a["topic"] == "Truce"
    a = one("Fighting resumed after the truce Moscow and Ankara had agreed on Monday broke down.", "Agreement")
    assert a["topic"] == "Truce"
    a = one("After the ceasefire collapsed, Russia and Turkey agreed to hold more talks.", "Agreement")
    assert "topic" not in a


def test_casualties_of_the_clause_attack() -> None:
    """Extractor 1.14.0: "Russian jets struck Islamic State positions near Palmyra, killing 20 militants": the
    strike's agent killed them (before: the positions' holder was the perpetrator); "Twelve civilians died as
    Russian aircraft bombarded Idlib": the attackers of the "as" clause."""
    c = one("Russian jets struck Islamic State positions near Palmyra on Sunday, killing 20 militants.",
            "CasualtyReport")
    assert c["perpetrator"] == "actor/russian-armed-forces"
    c = one("Twelve civilians died on Monday as Russian aircraft bombarded Idlib.", "CasualtyReport")
    assert c["perpetrator"] == "actor/russian-armed-forces"


def test_vote_positions_on_the_fence_and_against_the_other_draft() -> None:
    """Extractor 1.14.0: "while Senegal sat on the fence" in a vote sentence is an abstention (a politician on the
    fence over a referendum casts no council vote); "voted for the British draft and against the Chinese one" is a
    second position of the same voter on the other draft."""
    got = [f for f in facts("Nine members backed the British text, while Senegal sat on the fence.")
           if f["type"] == "VotePosition" and f["agent"] == "actor/senegal"]
    assert len(got) == 1 and got[0]["properties"]["position"] == "Abstain"
    assert not [f for f in facts("The prime minister sat on the fence over the referendum.")
                if f["type"] == "VotePosition"]
    pos = [f for f in facts("Japan voted for the British draft and against the Chinese one on Monday.")
           if f["type"] == "VotePosition"]
    assert {(f["agent"], f["properties"]["position"]) for f in pos} == {("actor/japan", "InFavour"),
                                                                      ("actor/japan", "Against")}
    assert {f.get("resolution") for f in pos} == {"resolution/united-kingdom-draft-2016-10",
                                                  "resolution/china-draft-2016-10"}


def test_trailing_claimed_hedges_the_event() -> None:
    """Extractor 1.14.0: "..., the army claimed." hedges what comes before it like "according to" (reported);
    "..., the army said." does not; a "<X>-backed" modifier in the clause stays a plain (completed) backing."""
    assert one("Thirty militants were killed near Tal Afar on Monday, the army claimed.", "CasualtyReport")[
        "modality"] == "reported"
    assert one("Thirty militants were killed near Tal Afar on Monday, the army said.", "CasualtyReport")[
        "modality"] == "completed"
    got = facts("Twenty militants died in clashes with Turkish-backed rebels near Dabiq, Ankara claimed.")
    assert [f["modality"] for f in got if f["type"] == "Support"] == ["completed"]


def test_person_before_an_apposition_naming_an_organisation() -> None:
    """Extractor 1.14.0: "Staffan de Mistura, the UN envoy for Syria, told reporters": the organisation only names
    the speaker's post; the person is the agent (before: the United Nations)."""
    st = one("Staffan de Mistura, the UN envoy for Syria, told reporters in Geneva on Friday that time was short.",
             "Statement")
    assert st["agent"] == "actor/staffan-de-mistura"


def test_estimates_that_reports_the_figure() -> None:
    """Extractor 1.14.0: "UNICEF estimates that some 200 children have been wounded": an estimate is a reported
    figure; "an estimated 300 people were killed" keeps its modality (an adjective of the count)."""
    assert one("UNICEF estimates that some 200 children have been wounded in Taiz since July.", "CasualtyReport")[
        "modality"] == "reported"
    assert one("An estimated 300 people were killed in Juba in July.", "CasualtyReport")["modality"] == "completed"


def test_duration_is_no_casualty_count_and_elided_victims() -> None:
    """Extractor 1.15.0: "over the past 48 hours" is a length of time, not 48 wounded; in "Three soldiers were
    killed and five wounded" the five are soldiers too (the noun is elided after "and")."""
    got = [f for f in facts("Three soldiers were killed and five wounded over the past 48 hours in clashes near "
                            "Donetsk, a spokesman said.") if f["type"] == "CasualtyReport"]
    props = {(f["properties"]["casualtyType"], f["properties"]["casualtyCount"], f["properties"]["victimCategory"])
             for f in got}
    assert props == {("Killed", 3, "Combatants"), ("Injured", 5, "Combatants")}
    assert one("Nine civilians were killed in the last 72 hours, medics said.", "CasualtyReport")["properties"][
        "casualtyCount"] == 9


def test_negation_inside_a_closed_relative_clause_stays_there() -> None:
    """Extractor 1.15.0: in "Kiev, which is not a member of the alliance, sent troops" the negation belongs to the
    relative clause set off by commas, not to the main verb; a negation of the main verb still counts."""
    mm = one("Kiev, which is not a member of the alliance, sent troops to the border on Monday.", "MilitaryMovement")
    assert not mm.get("negated")
    ref = one("Gabon, which is not a party to the conflict, asked the ICC to investigate the killings.", "Referral")
    assert (ref["agent"], ref.get("negated", False)) == ("actor/gabon", False)
    assert one("Russia, which has not joined the court, did not refer the case to the ICC.", "Referral")["negated"]


def test_the_referred_state_is_the_place_not_the_agent() -> None:
    """Extractor 1.15.0: a state that is referred is the referral's place: the object of "refer" ("refer Yemen to
    the ICC"), the subject of a passive without a by-phrase ("Myanmar has never been brought before the ICC": no
    agent), the antecedent of an object relative ("Sudan, which the council referred to the court")."""
    r = one("Britain wants to refer Yemen to the International Criminal Court.", "Referral")
    assert (r["agent"], r["place"]) == ("actor/united-kingdom", "place/yemen")
    r = one("Myanmar has never been brought before the ICC.", "Referral")
    assert ("agent" not in r, r["place"], r["negated"]) == (True, "place/myanmar", True)
    got = [f for f in facts("Unlike Sudan, which the Security Council referred to the court in 2005, Yemen has never "
                            "been referred to the ICC.") if f["type"] == "Referral"]
    assert {(f.get("agent"), f.get("place")) for f in got} == {("actor/un-security-council", "place/sudan"),
                                                               (None, "place/yemen")}
    assert one("The case was brought before the International Court of Justice by Ukraine.", "Referral")[
        "agent"] == "actor/ukraine"


def test_control_changes_without_a_named_agent() -> None:
    """Extractor 1.15.0: an intransitive "fall" of a place or town is a change of control ("Mosul fell in June
    2014", "Palmyra has not fallen": negated), not "shells fell" or "the text fell short"; a capture by armed men
    the gazetteer cannot name keeps its place ("Jihadists overran a town in northern Mali")."""
    fell = one("Mosul fell in June 2014.", "TerritorialControlChange")
    assert (fell["place"], fell["month"], "agent" in fell) == ("place/mosul", "2014-06", False)
    assert one("Palmyra has not fallen, the ministry said.", "TerritorialControlChange")["negated"]
    for text in ("Rebel shells fell on western Aleppo on Sunday.", "The Japanese text fell short of nine votes.",
                 "The death toll fell sharply in Homs last month."):
        assert not [f for f in facts(text) if f["type"] == "TerritorialControlChange"], text
    assert one("Jihadists overran a town in northern Mali on Monday.", "TerritorialControlChange")[
        "place"] == "place/mali"


def test_ground_lost_by_one_armed_side_to_another() -> None:
    """Extractor 1.15.0: what one armed side loses to another is ground even when it is no gazetteer place ("lost
    the old cement factory to government troops", "the villages they lost to the rebels"); men and figures lost
    are not ("lost 20 soldiers to rebel fire")."""
    got = one("Rebels in Aleppo lost the old cement factory to government troops on Monday.",
              "TerritorialControlChange")
    assert (got["agent"], got["target"]) == ("actor/syrian-government-forces", "actor/syrian-rebels")
    got = [f for f in facts("Syrian troops have yet to retake the villages north of Hama they lost to the rebels in "
                            "July.") if f["type"] == "TerritorialControlChange" and not f.get("negated")]
    assert [(f["agent"], f["target"]) for f in got] == [("actor/syrian-rebels", "actor/syrian-government-forces")]
    assert not [f for f in facts("The army lost 20 soldiers to rebel fire near Hama.")
                if f["type"] == "TerritorialControlChange"]


def test_partitive_count_of_people_named_by_their_role() -> None:
    """Extractor 1.15.0: "three of its staff were injured", "five of the passengers were killed": a partitive of
    people named by their role is the casualty count (before: no count)."""
    c = one("The Red Cross said three of its staff were injured on Monday near Mosul.", "CasualtyReport")
    assert (c["properties"]["casualtyCount"], c["properties"]["casualtyType"]) == (3, "Injured")
    c = one("Five of the passengers were killed when the bus hit a mine near Kandahar.", "CasualtyReport")
    assert c["properties"]["casualtyCount"] == 5


def test_blocked_attempt_belongs_to_its_modifier() -> None:
    """Extractor 1.15.0: "Moscow vetoed a British attempt to refer Yemen to the ICC": the failed referral is
    Britain's (the demonym of the attempt), not the blocker's; a bare attempt keeps no agent."""
    r = one("Moscow vetoed a British attempt to refer Yemen to the International Criminal Court in 2015.", "Referral")
    assert (r["modality"], r["agent"], r["place"]) == ("failed", "actor/united-kingdom", "place/yemen")
    assert "agent" not in one("Russia blocked a 2014 attempt to refer Syria to the ICC.", "Referral")


def test_siding_with_a_member_before_a_vote_on_a_draft() -> None:
    """Extractor 1.16.0: "Angola sided with France on Monday, voting for the French draft": the support names its
    beneficiary before the comma; a draft in the participle clause after it is no object of the backing (before:
    no Support). "backed the British text" stays no Support of Britain."""
    s = one("Angola sided with France on Monday, voting for the French draft.", "Support")
    assert (s["agent"], s["beneficiary"]) == ("actor/angola", "actor/france")
    s = one("Bolivia sided with Moscow in Friday's vote, backing the Russian text and opposing the British one.",
            "Support")
    assert (s["agent"], s["beneficiary"]) == ("actor/bolivia", "actor/russia")
    assert not [f for f in facts("Senegal backed the British text on Monday.") if f["type"] == "Support"]


def test_event_said_not_to_follow_from_another_is_negated() -> None:
    """Extractor 1.16.0: "X's vote does not mean (that) Y sides with Z": the clause after "does not mean" /
    "did not imply" is denied (before: a completed Support); "it means Angola backs France" stays completed."""
    s = one("Senegal's abstention does not mean that Dakar sides with Paris, its foreign minister said.", "Support")
    assert s["negated"] is True and s["agent"] == "actor/senegal"
    s = one("Kenya's vote for the text did not imply Nairobi had sided with Washington, an envoy said on Friday.",
            "Support")
    assert s["negated"] is True and s["beneficiary"] == "actor/united-states"
    assert not one("The vote means that Angola backs France, a diplomat said.", "Support").get("negated")


def test_supporter_of_an_operation_from_an_absolute_with_clause() -> None:
    """Extractor 1.16.0: "..., with Russian jets providing air cover" / "with Turkish warplanes flying in support":
    the armed actor of the absolute with-clause is the operation's supporter (before: none); "with rebels holding
    their ground" names no supporter."""
    o = one("Iraqi troops launched an assault on Hit on Monday, with American jets providing close air support.",
            "MilitaryOffensive")
    assert "actor/united-states" in o["supporter"]
    o = one("Syrian rebels began an offensive on al-Rai on Friday, with Turkish warplanes flying in support.",
            "MilitaryOffensive")
    assert o["supporter"] == "actor/turkish-armed-forces"
    o = one("The army launched an offensive on Hama on Monday, with rebels holding their ground.", "MilitaryOffensive")
    assert "supporter" not in o


def test_aid_carrier_of_an_organisation_as_the_subject() -> None:
    """Extractor 1.16.0: "A convoy of the World Food Programme delivered flour to Taiz": the organisation the
    carrier belongs to is the participant, whatever the verb (before: only with "reached"); "a convoy of 40 trucks"
    names nobody."""
    a = one("A convoy of the World Food Programme delivered flour to Taiz on Monday.", "AidCooperation")
    assert a["participant"] == "actor/world-food-programme"
    a = one("A joint convoy of UNICEF and the Red Cross brought medicine to Madaya on Sunday.", "AidCooperation")
    assert "actor/unicef" in a["participant"]
    assert "participant" not in one("A convoy of 40 trucks delivered flour to Taiz on Monday.", "AidCooperation")


def test_draft_rejected_with_a_verdict_is_opposition() -> None:
    """Extractor 1.16.0: "Britain rejected the Russian draft outright, calling it a sham": a state rejecting a draft
    with a verdict on it ("calling it ...", "outright", as "rejected ... as a cynical diversion") opposes it (before:
    no fact); "The council rejected the draft" stays a failed draft."""
    o = one("Britain rejected the Russian draft on Tuesday, calling it a sham.", "Opposition")
    assert (o["agent"], o["date"]) == ("actor/united-kingdom", "2016-10-04")
    o = one("France rejected the Russian draft resolution outright on Thursday.", "Opposition")
    assert o["agent"] == "actor/france"
    assert [f["type"] for f in facts("The council rejected the draft on Monday, calling it flawed.")
            if f["type"] in ("Opposition", "ResolutionFailed")] == ["ResolutionFailed"]


def test_base_named_by_its_function() -> None:
    """Extractor 1.17.0: "a naval logistics base", "set up a forward operating base", "a return to its Cold War
    bases": a base named by what it is for (one function word before "base") or a state going back to its old bases
    is a base announcement (before: no fact, only the speech); troops returning to their bases are not."""
    b = one("Moscow said on Tuesday it would build a naval logistics base in Sudan.", "MilitaryBaseAnnouncement")
    assert (b["agent"], b["place"]) == ("actor/russia", "place/sudan")
    b = one(
        "France is considering whether to establish a new forward operating base in Niger.", "MilitaryBaseAnnouncement"
    )
    assert (b["agent"], b["place"], b["modality"]) == ("actor/france", "place/niger", "considered")
    b = one("China is studying a return to its old bases in Pakistan, officials said.", "MilitaryBaseAnnouncement")
    assert b["agent"] == "actor/china"
    assert not [
        f
        for f in facts("The soldiers will return to their bases in Latakia after the exercise.")
        if f["type"] == "MilitaryBaseAnnouncement"
    ]


def test_aircraft_of_an_owner_strike() -> None:
    """Extractor 1.17.0: "Jets of the Syrian army struck Douma": aircraft whose owner is named in an of-phrase
    before a strike verb are an air strike by that owner (before: no fact)."""
    a = one("Jets of the Syrian army struck a bakery in Douma on Monday.", "AirStrike")
    assert (a["agent"], a["date"]) == ("actor/syrian-government-forces", "2016-10-10")
    a = one("Warplanes of the US-led coalition hit an oil refinery near Raqqa overnight.", "AirStrike")
    assert a["agent"] == "actor/us-led-coalition"


def test_demonym_territory_is_a_place() -> None:
    """Extractor 1.18.0: "off the Syrian coast", "into Yemeni waters", "in Iraqi territory": a demonym before a
    territory noun names its country as the place, not an actor (before: no place)."""
    m = one("Moscow will send two more frigates to reinforce its fleet off the Syrian coast next month.",
            "MilitaryMovement")
    assert (m["agent"], m["place"]) == ("actor/russia", "place/syria")
    m = one("Iran said it would send warships into Yemeni waters.", "MilitaryMovement")
    assert (m["agent"], m["place"]) == ("actor/iran", "place/yemen")
    a = one("The Turkish army said its jets struck targets in Iraqi territory overnight.", "AirStrike")
    assert (a["agent"], a["place"]) == ("actor/turkish-armed-forces", "place/iraq")


def test_aid_to_a_country_takes_place_there() -> None:
    """Extractor 1.18.0: "send medical supplies to Sudan": the receiving country is the aid's beneficiary and its
    place (before: the beneficiary only)."""
    a = one("Norway will send medical supplies to Sudan, the ministry said.", "AidCooperation")
    assert (a["participant"], a["beneficiary"], a["place"]) == ("actor/norway", "actor/sudan", "place/sudan")
    a = one("Canada delivered food aid to Haiti on Monday.", "AidCooperation")
    assert (a["beneficiary"], a["place"]) == ("actor/haiti", "place/haiti")


def test_demonym_before_aircraft_models_names_the_forces() -> None:
    """Extractor 1.18.0: "Russian Su-24 and Su-34 bombers", "Syrian MiG-23 jets": model designations between a
    demonym and its force noun do not hide the forces, the strike's agent (before: no agent)."""
    a = one("Russian Su-24 and Su-34 bombers carried out strikes over Idlib on Friday.", "AirStrike")
    assert (a["agent"], a["place"]) == ("actor/russian-armed-forces", "place/idlib")
    a = one("Syrian MiG-23 jets bombed Douma on Sunday.", "AirStrike")
    assert a["agent"] == "actor/syrian-government-forces"


def test_holder_of_attacked_positions_is_the_target() -> None:
    """Extractor 1.18.0: "an attack on Iraqi army positions", "overran a string of army checkpoints": the actor
    whose positions, posts or checkpoints an attack or capture hit is its target, behind "on" or "of" too (before:
    no target)."""
    o = one("Islamic State fighters launched an attack on Iraqi army positions near Tal Afar on Sunday.",
            "MilitaryOffensive")
    assert o["agent"] == "actor/islamic-state" and "actor/iraq" in _ids(o["target"])
    o = one("Houthi fighters launched an attack on Saudi border posts on Thursday.", "MilitaryOffensive")
    assert (o["agent"], o["target"]) == ("actor/houthis", "actor/saudi-arabia")
    t = one("Rebels overran a string of army checkpoints near Hama on Thursday.", "TerritorialControlChange")
    assert (t["agent"], t["target"]) == ("actor/syrian-rebels", "actor/syrian-government-forces")


def test_demonym_weapons_are_its_forces() -> None:
    """Extractor 1.18.0: "Turkish howitzers shelled", "Two Russian frigates have been deployed": a demonym before
    guns, warships or single aircraft names its armed forces (before: the state, or no fact)."""
    s = one("Turkish howitzers shelled Kurdish positions near Afrin on Sunday.", "Shelling")
    assert s["agent"] == "actor/turkish-armed-forces"
    m = one("Two Russian frigates have been deployed to the eastern Mediterranean.", "MilitaryMovement")
    assert m["agent"] == "actor/russian-armed-forces"


def test_coordinated_actor_behind_a_demonym() -> None:
    """Extractor 1.18.0: "Hezbollah and Iranian militiamen", "Syrian troops and Kurdish YPG fighters": a demonym
    that only qualifies the second actor does not break the coordination, both are the agent (before: the second
    only)."""
    m = one("Hezbollah and Iranian militiamen have massed south of Hama, rebels said.", "MilitaryMovement")
    assert "actor/hezbollah" in _ids(m["agent"])
    o = one("Syrian troops and Kurdish YPG fighters are preparing an assault on Raqqa.", "MilitaryOffensive")
    assert {"actor/syrian-government-forces", "actor/ypg"} <= _ids(o["agent"])


def test_demonym_capital_is_the_capital_city() -> None:
    """Extractor 1.18.0: "in the Syrian capital", "in the Iraqi capital": the demonym's capital city is the place
    (before: no place)."""
    a = one("Jets bombed a market in the Syrian capital on Monday, killing 12 people.", "AirStrike")
    assert a["place"] == "place/damascus"
    c = one("A car bomb killed 20 people in the Iraqi capital on Sunday.", "CasualtyReport")
    assert c["place"] == "place/baghdad"


def test_referral_of_a_region_and_to_the_court_named_before() -> None:
    """Extractor 1.18.0: "referred the situation in Darfur, western Sudan, to the ICC" (an appositive place inside
    the referred object) and "the Security Council, which referred the situation in Libya to the court" (the court
    named earlier in the sentence) are referrals (before: no fact)."""
    r = one("In 2005 the council referred the situation in Darfur, western Sudan, to the International Criminal Court.",
            "Referral")
    assert (r["court"], r["place"]) == ("actor/international-criminal-court", "place/sudan")
    r = one("The prosecutor of the International Criminal Court briefed the Security Council, which referred the "
            "situation in Libya to the court in 2011.", "Referral")
    assert (r["agent"], r["court"], r["place"]) == (
        "actor/un-security-council", "actor/international-criminal-court", "place/libya")
    assert not [f for f in facts("The envoy of the International Criminal Court sent a letter to the court's "
                                 "registrar.") if f["type"] == "Referral"]


def test_date_of_the_saying_is_not_the_reported_event() -> None:
    """Extractor 1.18.0: "the United Nations said on Thursday that 150 people had been killed since the assault
    started on 3 October": the date between the speech verb and "that" is of the saying, the event has the since
    date after it (before: the date of the saying)."""
    c = one("The United Nations said on Thursday that 150 people had been killed in Hama since the assault started "
            "on 3 October.", "CasualtyReport")
    assert (c.get("since"), c.get("date")) == ("2016-10-03", None)
    c = one("The United Nations said on Thursday that 150 people had been killed in Hama.", "CasualtyReport")
    assert c["date"] == "2016-10-06"


def test_subject_of_an_active_harm_verb_is_the_perpetrator() -> None:
    """Extractor 1.18.0: "Rebel fighters wounded three soldiers": the subject of an active verb of wounding is the
    perpetrator, as of killing (before: none); a speaker before the harm it reports is none ("Russia said the
    strike killed five militants"; before: Russia)."""
    c = one("Rebel fighters wounded three soldiers near Hama.", "CasualtyReport")
    assert c["perpetrator"] == "actor/syrian-rebels"
    c = one("Russia said the strike killed five militants.", "CasualtyReport")
    assert "perpetrator" not in c
    c = one("Five soldiers were wounded near Hama.", "CasualtyReport")
    assert "perpetrator" not in c


def types_of(text: str) -> list[str]:
    return [f["type"] for f in facts(text)]


def test_killing_a_draft_and_halting_attacks_are_no_events() -> None:
    """Extractor 1.19.0: "used its veto to kill a French-drafted resolution" kills nobody (before: a
    CasualtyReport), and "would oblige both sides to halt attacks on Hama" asks for an end to attacks (before: a
    planned MilitaryOffensive); "had failed to stop the bombing of Idlib" still reports a bombing."""
    assert "CasualtyReport" not in types_of("Moscow used its veto to kill a French-drafted resolution on Syria.")
    assert "CasualtyReport" in types_of("Gunmen killed 12 soldiers near Hama.")
    assert "MilitaryOffensive" not in types_of("The plan would oblige both sides to halt attacks on Hama for a week.")
    assert "AirStrike" not in types_of("The council urged the parties to stop the bombing of Idlib.")
    assert "AirStrike" in types_of("The envoy said Russia had failed to stop the bombing of Idlib.")


def test_headline_triggers_and_an_aid_convoy_hit_are_no_events() -> None:
    """Extractor 1.19.0: a trigger in capitals is a headline ("ARMY ATTACKS IN IDLIB — ..."; before: a
    MilitaryOffensive beside the shelling the text reports), and an aid convoy that was bombed or struck is the
    target of the strike, no delivery ("had bombed a Red Crescent aid convoy"; before: an AidCooperation)."""
    assert types_of("ARMY ATTACKS IN IDLIB — Syrian troops shelled Idlib on Monday.") == ["Shelling"]
    assert "AidCooperation" not in types_of("The rebels said Syrian jets had bombed a Red Crescent aid convoy near "
                                            "Homs.")
    assert "AidCooperation" not in types_of("Rebels accused Russian jets of striking a UN aid convoy near Homs.")
    assert "AidCooperation" in types_of("A UN aid convoy reached Homs on Monday, and the jets left.")


def test_demanded_withdrawal_and_withdrawn_text_are_no_movements() -> None:
    """Extractor 1.19.0: a withdrawal that is demanded ("Iraq has demanded that Turkey withdraw its soldiers",
    "rejected Cairo's demand to pull its troops out") and a text withdrawn ("Madrid withdrew it before the vote")
    are no MilitaryMovement (before: one each); "Turkey withdrew its soldiers" still is."""
    for text in ("Iraq has demanded that Turkey withdraw its soldiers from the camp.",
                 "Ankara rejected Cairo's demand to pull its troops out of the border town.",
                 "Q: What about the Spanish text? A: Madrid withdrew it before the vote.",
                 "Spain withdrew its draft resolution on Tuesday."):
        assert "MilitaryMovement" not in types_of(text), text
    assert "MilitaryMovement" in types_of("Turkey withdrew its soldiers from the camp on Monday.")


def test_aid_counted_in_currency_and_given_through_an_agency() -> None:
    """Extractor 1.19.0: "sent €5 million in humanitarian aid" is aid counted in a currency (before: no fact, the
    sign stopped the pattern), an agency the aid goes "through" or "via" takes part, and the place of a trailing
    speaker (", an official in Berlin said") is not where the aid goes."""
    a = one("Germany sent €5 million in humanitarian aid to Lebanon via UNICEF, an official in Berlin said.",
            "AidCooperation")
    assert (set(a["participant"]), a["place"]) == ({"actor/germany", "actor/unicef"}, "place/lebanon")
    a = one("Canada will give $3 million in food aid to Haiti through the World Food Programme.", "AidCooperation")
    assert set(a["participant"]) == {"actor/canada", "actor/world-food-programme"}


def test_event_dated_after_publication_is_planned() -> None:
    """Extractor 1.19.0: a nominal event dated after the article ("next Saturday's Lausanne talks") is to come,
    `planned` (before: `completed`); one dated before it stays `completed`."""
    m = one("Few diplomats expect next Friday's Geneva talks between Kerry and Lavrov to bring a truce.", "Meeting")
    assert (m["modality"], m["date"]) == ("planned", "2016-10-14")
    m = one("Kerry and Lavrov met in Geneva on Friday.", "Meeting")
    assert (m["modality"], m["date"]) == ("completed", "2016-10-07")


def test_purpose_of_a_denied_plan_is_denied_too() -> None:
    """Extractor 1.19.0: "has no intention of launching an offensive to retake Idlib": the capture that the
    denied offensive would serve is denied as well (before: a planned TerritorialControlChange, not negated)."""
    t = one("Damascus has no intention of launching an offensive to retake Idlib this year.",
            "TerritorialControlChange")
    assert (t["modality"], t.get("negated")) == ("planned", True)
    t = one("Damascus plans to launch an offensive to retake Idlib this year.", "TerritorialControlChange")
    assert (t["modality"], t.get("negated")) == ("planned", None)


def test_lost_a_place_named_with_a_figure() -> None:
    """Extractor 1.19.0: "the rebels lost the 1070 housing project to government troops": a figure after "the"
    names the place lost (before: no fact, read as men lost); "lost 20 soldiers to rebel fire" is still none."""
    t = one("The rebels lost the 1070 housing project to government troops on Friday.", "TerritorialControlChange")
    assert (t["agent"], t["target"]) == ("actor/unknown-government-forces", "actor/unknown-rebels")
    assert "TerritorialControlChange" not in types_of("The army lost 20 soldiers to rebel fire near Hama.")


def test_accused_of_an_attack_names_the_accused_and_hedges_the_harm() -> None:
    """Extractor 1.19.0: "Kiev accused separatist fighters of shelling its positions, wounding three soldiers": the
    accused (here no known actor) did it, never the accuser, and the shelling and the harm it did are claims,
    `reported` (before: Ukraine shelled, `completed`, and Ukraine the perpetrator)."""
    got = {f["type"]: f for f in facts("Kiev accused separatist fighters of shelling its positions near Donetsk on "
                                       "Sunday, wounding three soldiers.")}
    assert (got["Shelling"]["modality"], got["Shelling"].get("agent")) == ("reported", None)
    assert (got["CasualtyReport"]["modality"], got["CasualtyReport"].get("perpetrator")) == ("reported", None)
    c = one("Rebels shelled army positions near Hama on Sunday, wounding three soldiers.", "CasualtyReport")
    assert (c["modality"], c["perpetrator"]) == ("completed", "actor/syrian-rebels")


def test_no_one_hurt_counts_nobody() -> None:
    """Extractor 1.19.0: "No one was hurt": nobody injured, a negated report without a count (before: one person
    killed)."""
    c = one("Rebels shelled army positions near Hama on Saturday. No one was hurt.", "CasualtyReport")
    assert (c.get("negated"), c["properties"]) == (True, {"casualtyType": "Injured"})
    assert one("One soldier was killed near Hama.", "CasualtyReport")["properties"]["casualtyCount"] == 1


def test_qualifier_before_an_article_and_a_dozen() -> None:
    """Extractor 1.19.0: "killing at least a dozen militants": the qualifier stands before the article (before: a
    count of 12 without AtLeast)."""
    c = one("Jets struck targets near Raqqa on Saturday, killing at least a dozen militants.", "CasualtyReport")
    assert (c["properties"]["casualtyCount"], c["properties"].get("countQualifier")) == (12, "AtLeast")


def test_attack_as_a_verdict_on_a_reported_strike_is_no_second_event() -> None:
    """Extractor 1.19.0: "condemned Sunday's air strike on a market in Idlib as an outrageous attack on civilians":
    the attack names the strike again (before: a MilitaryOffensive beside the AirStrike); "launched what they
    describe as a final assault" after an air strike is still an offensive."""
    assert types_of("The EU condemned Sunday's air strike on a market in Idlib as an outrageous attack on "
                    "civilians.") == ["Condemnation", "AirStrike"]
    assert "MilitaryOffensive" in types_of("Backed by American air strikes, Libyan forces have launched what they "
                                           "describe as a final assault on Sirte.")


def test_prelude_to_an_assault_is_to_come() -> None:
    """Extractor 1.19.0: "in what they fear is the prelude to a ground assault": the assault is to come, `planned`
    (before: `completed`)."""
    o = one("Militiamen have massed outside Hama, activists say, in what they fear is the prelude to a ground "
            "assault.", "MilitaryOffensive")
    assert o["modality"] == "planned"


def test_base_on_its_coast_is_in_the_state_named() -> None:
    """Extractor 1.19.0: "Libya said it would let Russia build a naval base on its coast": "its coast" places the
    base in the state named before (before: no place)."""
    b = one("Libya said it would let Russia build a naval base on its coast.", "MilitaryBaseAnnouncement")
    assert (b["agent"], b["place"]) == ("actor/russia", "place/libya")


def test_preparing_a_case_against_a_state_is_a_planned_referral() -> None:
    """Extractor 1.19.0: "Georgia is preparing a case against Russia at the ICJ": a planned referral by Georgia
    against Russia (before: no fact); "is preparing" is progressive, so Georgia refers, it is not referred."""
    r = one("Georgia is preparing a case against Russia at the International Court of Justice.", "Referral")
    assert (r["modality"], r["agent"], r["court"], r["target"]) == (
        "planned", "actor/georgia", "actor/international-court-of-justice", "actor/russia")


def test_street_protests_are_no_objection_of_a_state() -> None:
    """Extractor 1.19.0: "wounded 14 people during protests in Cairo" and "joined protests against the government"
    are demonstrations, no Opposition (before: one each); "Egypt protested against the raid" still is."""
    assert "Opposition" not in types_of("Police wounded 14 people during protests in Cairo on Friday.")
    assert "Opposition" not in types_of("Thousands joined protests against the government in Cairo.")
    assert "Opposition" in types_of("Egypt protested against the Israeli raid.")


def test_holding_a_veto_is_the_right_not_its_use() -> None:
    """Extractor 1.19.0: "five of which hold a veto", "Russia has a veto over any text": the right, no Veto cast
    (before: a Veto each); "Russia cast a veto on Saturday" still is one."""
    assert "Veto" not in types_of("The council has 15 members, five of which hold a veto.")
    assert "Veto" not in types_of("Russia has a veto over any text on Syria.")
    assert "Veto" in types_of("Russia cast a veto on Saturday.")


def test_agreed_before_a_noun_is_an_adjective() -> None:
    """Extractor 1.19.0: "the Security Council has no agreed position on Yemen": an adjective, no Agreement (before:
    one); "Russia and Turkey agreed on a truce" still is one."""
    assert "Agreement" not in types_of("The Security Council has no agreed position on Yemen.")
    assert "Agreement" in types_of("Russia and Turkey agreed on a truce in Idlib.")
