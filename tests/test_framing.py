"""Frames: the lexicons, cue matching and traceability, profiles, and the frame classifier."""

from __future__ import annotations

import json

import pytest
import spacy

from analysis import (
    FrameClassifier,
    analyse,
    compare_profiles,
    find_frame_cues,
    frame_lexicon,
    frame_profile,
    frame_scores,
    frame_table,
    lexicon_precision,
    parse,
    read_labelled,
    read_semeval,
)
from analysis.corpus import parse_article
from analysis.framing import FAMILIES, GENERIC_FRAMES, MFC_FRAMES, top_frames
from analysis.nlp import ParsedArticle

from .conftest import shared_corpus


def parsed_text(text: str, lang: str):
    return parse(parse_article(text, id="t", format="plain", language=lang))


# --- lexicons ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["it", "en"])
def test_lexicon_covers_both_families_with_exact_names(lang):
    table = frame_lexicon(lang)
    assert list(table.columns[:6]) == ["pattern", "language", "frame", "family", "gloss",
                                       "reference"]
    assert set(table["language"]) == {lang}
    for family, frames in FAMILIES.items():
        assert set(table.loc[table["family"] == family, "frame"]) == set(frames)
    assert (table["gloss"] != "").all()
    assert (table["reference"] != "").all()  # every row cites a source (inherited or its own)
    assert not table.duplicated(["pattern", "frame"]).any()


@pytest.mark.parametrize("lang", ["it", "en"])
def test_lexicon_rows_are_sorted(lang):
    table = frame_lexicon(lang)
    keys = list(zip(table["family"] != "mfc", table["frame"], table["pattern"].str.lower()))
    assert keys == sorted(keys)


def test_frame_names_are_the_contract_names():
    assert len(MFC_FRAMES) == 14 and len(GENERIC_FRAMES) == 5
    assert "Security_and_defense" in MFC_FRAMES
    assert "External_regulation_and_reputation" in MFC_FRAMES
    assert GENERIC_FRAMES == ("conflict", "human_interest", "attribution_of_responsibility",
                              "morality", "economic_consequences")


def test_unsupported_language_is_refused():
    with pytest.raises(ValueError, match="the frame lexicon supports the languages"):
        frame_lexicon("de")
    with pytest.raises(ValueError, match="the frame lexicon supports the languages .*'de'"):
        find_frame_cues(parsed_text("Die Truppen marschieren.", "de"))
    assert frame_scores(parsed_text("Die Truppen marschieren.", "de")) == {}


# --- cue matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "frame", "expected"),
    [
        ("Le truppe russe avanzano verso il confine.", "it", "Security_and_defense", ["truppe"]),
        ("L\u2019intelligence ha avvertito il governo.", "it", "Security_and_defense",
         ["intelligence"]),
        ("Secondo l'intelligence americana", "it", "Security_and_defense", ["intelligence"]),
        ("La Nato ha convocato un vertice.", "it", "Security_and_defense", ["Nato"]),
        ("Sono nato a Roma nel 1980.", "it", "Security_and_defense", []),  # "nato": born
        ("Il ministro dei trasporti parla.", "it", "Morality", []),  # "dei": of the, not gods
        ("Serve più sicurezza alimentare.", "it", "Health_and_safety", ["sicurezza alimentare"]),
        ("Serve più sicurezza alimentare.", "it", "Security_and_defense", []),  # longest match
        ("Una nuova corsa agli armamenti.", "it", "Security_and_defense",
         ["corsa agli armamenti"]),
        ("I prezzi dell'energia salgono.", "it", "Economic", ["prezzi"]),
        ("Il vaccino è stato approvato.", "it", "Health_and_safety", ["vaccino"]),
        ("Il tempo oggi è bello.", "it", "Security_and_defense", []),
        ("The troops crossed the border.", "en", "Security_and_defense", ["troops"]),
        ("NATO leaders met in Brussels.", "en", "Security_and_defense", ["NATO"]),
        ("Prices rose again in March.", "en", "Economic", ["Prices"]),
        ("Thousands protested in the capital.", "en", "Public_opinion", ["protested"]),
        ("The Protestant church", "en", "Public_opinion", []),  # not a protest
        ("The electricity grid", "en", "Political", []),  # "elect*" would misfire
        ("The weather is mild today.", "en", "Economic", []),
    ],
)
def test_cues(text, lang, frame, expected):
    cues = find_frame_cues(parsed_text(text, lang))
    assert [c.text for c in cues if c.frame == frame] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Scontro in parlamento: l'opposizione accusa il governo.", "it", "conflict"),
        ("La madre delle vittime piange i suoi figli.", "it", "human_interest"),
        ("Il governo è responsabile di questo fallimento.", "it",
         "attribution_of_responsibility"),
        ("The minister accused his rivals of a dispute.", "en", "conflict"),
        ("The mother of the victim was in tears.", "en", "human_interest"),
        ("The plan will cost billions in losses.", "en", "economic_consequences"),
    ],
)
def test_generic_frames(text, lang, expected):
    profile = frame_profile(find_frame_cues(parsed_text(text, lang)))
    generic = {f: profile[f] for f in GENERIC_FRAMES}
    assert max(generic, key=generic.get) == expected


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_token_carries_at_most_one_cue_per_family(lang):
    text = {"it": "La guerra e la crisi economica.", "en": "The war and the economic crisis."}
    cues = find_frame_cues(parsed_text(text[lang], lang))
    for family in FAMILIES:
        starts = [c.start for c in cues if c.family == family]
        assert len(starts) == len(set(starts))
    # the same word may cue one frame of each family ("guerra": security and conflict)
    assert {c.family for c in cues if c.text.lower() in ("guerra", "war")} == {"mfc", "generic"}


# --- traceability and profiles ---------------------------------------------------------


def test_cues_read_the_stop_words_of_the_document_vocabulary():
    """The look-up memo holds one vocabulary's words: a document of a pipeline whose stop words
    differ is matched with its own flags (a stop word by its form only, else by its lemma)."""
    text = "Troops were sent."
    article = parse_article(text, id="t", format="plain", language="en")
    ours = parse(article)
    other = spacy.blank("en")
    other.vocab["were"].is_stop = False
    doc = other(text)
    doc[0].lemma_ = "troop"
    doc[1].lemma_ = "troop"  # a lemma found only when the word is not a stop word
    theirs = ParsedArticle(article, doc, [doc[0 : len(doc)]], 0)
    before = [(c.text, c.frame) for c in find_frame_cues(ours)]
    assert [(c.text, c.frame) for c in find_frame_cues(theirs)] == before + [
        ("were", "Security_and_defense")]
    assert [(c.text, c.frame) for c in find_frame_cues(ours)] == before


def test_every_cue_points_at_its_words_and_sentence(seed_parsed):
    cues = find_frame_cues(seed_parsed)
    assert cues
    text = seed_parsed.article.text
    for cue in cues:
        assert text[cue.start : cue.end] == cue.text
        sentence = seed_parsed.sentences[cue.sentence]
        assert sentence.start_char <= cue.start < cue.end <= sentence.end_char
        assert cue.frame in FAMILIES[cue.family]


def test_scores_are_the_share_of_the_words_behind_them(seed_parsed):
    cues = find_frame_cues(seed_parsed)
    table = frame_table(cues)
    assert len(table) == len(MFC_FRAMES) + len(GENERIC_FRAMES)
    for row in table.itertuples():
        mine = [c for c in cues if c.frame == row.frame]
        family = [c for c in cues if c.family == row.family]
        assert row.hits == len(mine)
        assert row.score == pytest.approx(len(mine) / len(family), abs=1e-4)
        counted = sum(int(part.rsplit("(", 1)[1].rstrip(")")) for part in
                      row.words.split(", ")) if row.words else 0
        assert counted == row.hits


def test_profile_sums_to_one_per_family_and_filters_sentences(seed_parsed):
    cues = find_frame_cues(seed_parsed)
    profile = frame_profile(cues)
    for frames in FAMILIES.values():
        assert sum(profile[f] for f in frames) == pytest.approx(1, abs=1e-3)
    headline = frame_profile(cues, sentences=range(seed_parsed.n_headline))
    assert headline != profile
    assert frame_profile(cues, sentences=[]) == dict.fromkeys(profile, 0.0)


def test_seed_profile(seed_parsed):
    """The issue's bar on the seed (the lexicons were not written from it)."""
    profile = frame_scores(seed_parsed)
    assert top_frames(find_frame_cues(seed_parsed), 1) == ["Security_and_defense"]
    for other in ("human_interest", "economic_consequences", "morality"):
        assert profile["conflict"] > profile[other]
    absent = {"Health_and_safety", "Morality", "Cultural_identity", "Crime_and_punishment",
              "Quality_of_life", "Fairness_and_equality", "Capacity_and_resources"}
    assert not absent & set(top_frames(find_frame_cues(seed_parsed), 3))


@pytest.mark.parametrize(("text", "lang"), [("...", "it"), ("!!", "en"),
                                            ("Oggi piove.", "it"), ("It rains.", "en")])
def test_no_cue_gives_an_all_zero_profile(text, lang):
    parsed = parsed_text(text, lang)
    assert find_frame_cues(parsed) == []
    scores = frame_scores(parsed)
    assert set(scores) == set(MFC_FRAMES) | set(GENERIC_FRAMES)
    assert set(scores.values()) == {0.0}
    assert frame_table([])["hits"].sum() == 0


def test_annotate_record_has_frames(seed_article):
    frames = analyse(seed_article)["frames"]
    assert set(frames) == set(MFC_FRAMES) | set(GENERIC_FRAMES)
    assert all(isinstance(v, float) for v in frames.values())


def test_compare_profiles():
    a = {"Economic": 1.0, "conflict": 0.5, "human_interest": 0.5}
    b = {"Economic": 0.5, "Political": 0.5, "conflict": 1.0}
    table = compare_profiles(a, b).set_index("frame")
    assert table.loc["Political", "difference"] == 0.5
    assert table.loc["Economic", "cosine"] == pytest.approx(0.707, abs=1e-3)
    assert table.loc["conflict", "cosine"] == pytest.approx(0.707, abs=1e-3)
    assert compare_profiles(a, {})["cosine"].eq(0).all()


def test_lexicon_precision_counts_hits_in_labelled_articles():
    cues = {lang: find_frame_cues(parsed_text(t, lang)) for lang, t in
            [("it", "Le truppe e i missili."), ("en", "Troops and prices.")]}
    table = lexicon_precision(cues, {"it": ["Security_and_defense"], "en": ["Economic"]})
    row = table.set_index("frame").loc["Security_and_defense"]
    # three hits ("truppe", "missili", "Troops"), two in the article labelled with the frame
    assert (row.hits, row.precision, row.prevalence, row.lift) == (3, 0.667, 0.5, 1.33)


# --- the classifier ----------------------------------------------------------------------

TRAINING = {
    "en": [
        ("Taxes and the budget deficit worry investors and markets.", ["Economic"]),
        ("Inflation pushes prices up and wages down for workers.", ["Economic"]),
        ("The central bank raised interest rates to fight inflation.", ["Economic"]),
        ("Trade tariffs hit exports and company profits.", ["Economic"]),
        ("Troops and tanks moved to the front as the army attacked.", ["Security_and_defense"]),
        ("Missile strikes and drones hit the military base.", ["Security_and_defense"]),
        ("Soldiers defended the border against the invasion.", ["Security_and_defense"]),
        ("The army deployed artillery and soldiers near the front.", ["Security_and_defense"]),
        ("War costs soar: the army budget and military spending rise.",
         ["Economic", "Security_and_defense"]),
        ("Military spending strains the budget as troops deploy.",
         ["Economic", "Security_and_defense"]),
    ],
    "it": [
        ("Le tasse e il deficit di bilancio preoccupano i mercati.", ["Economic"]),
        ("L'inflazione fa salire i prezzi e scendere i salari.", ["Economic"]),
        ("La banca centrale alza i tassi contro l'inflazione.", ["Economic"]),
        ("I dazi colpiscono le esportazioni e i profitti delle imprese.", ["Economic"]),
        ("Truppe e carri armati avanzano al fronte, l'esercito attacca.",
         ["Security_and_defense"]),
        ("Missili e droni colpiscono la base militare.", ["Security_and_defense"]),
        ("I soldati difendono il confine contro l'invasione.", ["Security_and_defense"]),
        ("L'esercito schiera artiglieria e soldati al fronte.", ["Security_and_defense"]),
        ("La guerra costa: crescono il bilancio dell'esercito e la spesa militare.",
         ["Economic", "Security_and_defense"]),
        ("La spesa militare pesa sul bilancio mentre le truppe si schierano.",
         ["Economic", "Security_and_defense"]),
    ],
}
UNSEEN = {
    "en": [("Prices, wages and taxes: the markets fall.", ["Economic"]),
           ("Soldiers and missiles: the army attacks.", ["Security_and_defense"])],
    "it": [("Prezzi, salari e tasse: i mercati scendono.", ["Economic"]),
           ("Soldati e missili: l'esercito attacca.", ["Security_and_defense"])],
}


@pytest.fixture(scope="module", params=["it", "en"])
def trained(request):
    texts, labels = zip(*TRAINING[request.param])
    # min_df=1: a set this small has few words in two articles
    return request.param, FrameClassifier(cv=2, min_df=1).fit(texts, labels)


def test_classifier_predicts_unseen_texts(trained):
    lang, model = trained
    texts, expected = zip(*UNSEEN[lang])
    assert model.predict(texts) == list(expected)
    proba = model.predict_proba(texts)
    assert proba.shape == (2, 2)
    assert list(model.classes_) == ["Economic", "Security_and_defense"]


def test_classifier_reports_cv_and_terms(trained):
    lang, model = trained
    assert len(model.cv_results_) == len(model.Cs) * len(model.thresholds)
    assert 0 <= model.cv_macro_f1_ <= 1 and 0 <= model.cv_micro_f1_ <= 1
    assert model.best_C_ in model.Cs and model.threshold_ in model.thresholds
    terms = model.top_terms(5)
    security = set(terms.loc[terms["frame"] == "Security_and_defense", "term"])
    assert security & {"army", "troops", "soldiers", "esercito", "truppe", "soldati", "fronte"}


def test_classifier_save_and_load(trained, tmp_path):
    _, model = trained
    model.save(tmp_path / "frames.joblib")
    loaded = FrameClassifier.load(tmp_path / "frames.joblib")
    texts = [t for t, _ in UNSEEN["en"] + UNSEEN["it"]]
    assert loaded.predict(texts) == model.predict(texts)


def test_classifier_empty_and_bad_input(trained):
    _, model = trained
    assert model.predict([]) == []
    with pytest.raises(ValueError, match="differ in length"):
        FrameClassifier().fit(["a", "b", "c"], [["x"]])
    with pytest.raises(ValueError, match="need at least 3 articles"):
        FrameClassifier(cv=3).fit(["a", "b"], [["x"], ["y"]])


def test_unfitted_classifier_refuses_to_predict():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        FrameClassifier().predict(["text"])


def test_read_labelled_csv_and_jsonl(tmp_path):
    csv_path = tmp_path / "train.csv"
    csv_path.write_text('text,labels\n"Le truppe avanzano.","Security_and_defense"\n'
                        '"Prezzi e tasse.","Economic; Political"\n', encoding="utf-8")
    jsonl_path = tmp_path / "train.jsonl"
    jsonl_path.write_text("\n".join(json.dumps(r) for r in [
        {"text": "Troops advance.", "labels": ["Security_and_defense"]},
        {"text": "Prices and taxes.", "labels": "Economic,Political"},
    ]) + "\n", encoding="utf-8")
    assert read_labelled(csv_path) == (["Le truppe avanzano.", "Prezzi e tasse."],
                                       [["Security_and_defense"], ["Economic", "Political"]])
    assert read_labelled(jsonl_path)[1] == [["Security_and_defense"], ["Economic", "Political"]]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"body": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="record 1 needs the fields 'text' and 'labels'"):
        read_labelled(bad)


# --- the real corpus -----------------------------------------------------------------------


@pytest.mark.corpora
@pytest.mark.parametrize(("lang", "n"), [("it", 171), ("en", 325)])
def test_semeval_reader_and_lexicon_beat_chance(lang, n):
    folder = shared_corpus("semeval2023-frames", lang, "train")
    ids, texts, labels = read_semeval(folder)
    assert len(ids) == len(texts) == n
    assert all(set(frames) <= set(MFC_FRAMES) and frames for frames in labels)
    sample = list(zip(ids, texts))[:60]
    cues = {i: find_frame_cues(parse(parse_article(t, id=i, format="headline", language=lang)))
            for i, t in sample}
    table = lexicon_precision(cues, dict(zip(ids, labels))).set_index("frame")
    # hits of these frames fall in articles labelled with them more often than chance
    for frame in ("Political", "Security_and_defense", "Health_and_safety"):
        assert table.loc[frame, "lift"] > 1


def test_headline_profile_from_a_table_title(tmp_path, seed_parsed):
    from analysis import load_corpus, parse
    from analysis.framing import headline_body_profiles

    table = tmp_path / "one.jsonl"
    table.write_text('{"id": "a", "title": "Truppe e missili al confine: rischio di guerra", '
                     '"text": "Il governo ha approvato il bilancio. I prezzi salgono."}\n',
                     encoding="utf-8")
    parsed = parse(load_corpus(table)[0])
    headline, body, where = headline_body_profiles(parsed)
    assert parsed.n_headline == 0 and where == "title"
    assert headline["Security_and_defense"] > 0 and body["Security_and_defense"] == 0
    assert headline_body_profiles(seed_parsed)[2] == "text"


def test_frame_evidence_corpus_frames_and_the_profile_figure(seed_parsed):
    import matplotlib

    matplotlib.use("agg")
    from analysis import find_frame_cues, frame_profile
    from analysis.framing import corpus_frames, frame_evidence, plot_frame_profile

    cues = find_frame_cues(seed_parsed)
    evidence = frame_evidence(seed_parsed, cues, ["Security_and_defense", "Morality"])
    assert evidence["frame"].tolist() == ["Security_and_defense"]  # Morality has no cue
    row = evidence.iloc[0]
    assert all(w in seed_parsed.sentences[row["sentence"]].text for w in row["cues"].split(", "))
    table = corpus_frames([seed_parsed])
    assert table.loc[0, "dominant_mfc"] == "Security_and_defense"
    assert table.loc[0, "dominant_generic"] == "conflict"
    figure = plot_frame_profile(frame_profile(cues), title="Figure 1: test")
    assert figure._suptitle.get_text() == "Figure 1: test"
    assert [ax.get_title() for ax in figure.axes] == ["Media Frames dimensions",
                                                      "Generic news frames"]


def test_held_out_scores_on_a_tiny_labelled_set():
    from analysis.framing import FrameClassifier, held_out_scores

    texts = ["Tasse, bilancio e prezzi: i mercati temono la crisi.",
             "Inflazione e salari: i costi per le imprese crescono.",
             "Truppe e missili al fronte: l'esercito attacca.",
             "I soldati difendono il confine con carri armati.",
             "La spesa militare pesa sul bilancio.",
             "Il governo e il parlamento votano la riforma.",
             "I partiti preparano le elezioni.",
             "Il premier e i ministri in parlamento."]
    labels = [["Economic"], ["Economic"], ["Security_and_defense"], ["Security_and_defense"],
              ["Economic", "Security_and_defense"], ["Political"], ["Political"], ["Political"]]
    row, model = held_out_scores(texts, labels, test_size=0.25, min_df=1)
    assert isinstance(model, FrameClassifier)
    assert (row["train"], row["test"]) == (6, 2)
    assert 0 <= row["held-out micro_f1"] <= 1 and 0 <= row["held-out macro_f1"] <= 1
    assert row == held_out_scores(texts, labels, test_size=0.25, min_df=1)[0]  # deterministic
