"""The spaCy pipeline: blank Chinese + jieba always; zh_core_web_sm where installed."""
from __future__ import annotations

import pytest

from kg.nlp import describe, load_nlp, model_available


def test_blank_pipeline_has_the_project_components():
    nlp = load_nlp("blank")
    assert nlp.pipe_names[-3:] == ["kg_entities", "kg_relations", "kg_facts"]
    assert "jieba" in describe(nlp)
    doc = nlp("宁阳县东庄镇持续推进网格治理。西岭村党支部书记刘国强介绍了经验！")
    assert len(list(doc.sents)) == 2
    assert {s.label_ for s in doc.spans["kg"]} >= {"Place", "PartyOrganisation", "Person"}


@pytest.mark.model
@pytest.mark.skipif(not model_available(), reason="zh_core_web_sm is not installed")
def test_model_pipeline_runs_the_same_components():
    nlp = load_nlp("auto")
    assert "parser" in nlp.pipe_names and "kg_entities" in nlp.pipe_names
    doc = nlp("宁阳县东庄镇持续推进网格治理。")
    assert any(s.label_ == "Place" for s in doc.spans["kg"])


@pytest.mark.parametrize("model,ner", [("blank", "rules"), ("blank", "auto"), ("auto", "auto")])
def test_plan_says_what_the_loaded_pipeline_will_say(model, ner):
    from kg.nlp import plan

    assert plan(model, ner) == describe(load_nlp(model, ner))


def test_a_parallel_build_does_not_load_the_pipeline_in_the_caller(tmp_path):
    """The manifest names the pipeline with ``plan``; only the worker processes load it."""
    import subprocess
    import sys
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    code = ("import kg.executors as ex, sys; from kg.pipeline import build; "
            f"r = build({str(seeds)!r}, {str(tmp_path / 'out')!r}, jobs=2, validate=False, progress=False); "
            "print(len(ex._CACHE), r.model)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "0"
    assert "jieba" in " ".join(out[1:])
