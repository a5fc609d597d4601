"""Ingest: cleaning OCR/web copy, and the provenance map it must keep exact.

The offsets rule (see ``kg/ingest/mapped.py``): for every character ``c`` at
position ``i`` of the cleaned text, ``source[offsets[i]] == c`` unless ``c`` was
synthesised, and only ``"\\n"`` and ``" "`` are ever synthesised (plus, for
HTML pages, characters decoded from entities, which point at their ``&``).
Every offset is a valid index into the source.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import clean_text, read_file
from kg.ingest.mapped import SYNTHETIC

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"


def assert_offsets(source: str, cleaned: str, offsets: list[int]) -> None:
    assert len(offsets) == len(cleaned)
    for i, (c, o) in enumerate(zip(cleaned, offsets, strict=True)):
        assert 0 <= o < len(source), (i, c, o)
        assert source[o] == c or c in SYNTHETIC, (i, c, source[o])


def lines(text: str) -> list[str]:
    return text.split("\n")


# --- spaces -------------------------------------------------------------------------------------

def test_spaces_between_chinese_characters_go():
    out, _ = clean_text("近 年来,济宁 高新区持续深化党建 引领,配备网格党建指 导员 466 人。")
    assert out == "近年来,济宁高新区持续深化党建引领,配备网格党建指导员466人。"


def test_ideographic_and_other_spaces_go_too():
    out, _ = clean_text("党\u3000支部\xa0书记\t说。")
    assert out == "党支部书记说。"


def test_spaces_between_latin_words_and_numbers_stay():
    out, _ = clean_text("对此，济宁不断创新党建工作理念、思路 and 方式，升级到 Windows 10 版本。")
    assert "思路 and 方式" in out
    assert "Windows 10" in out


def test_space_after_an_ascii_comma_used_as_a_chinese_one_goes():
    out, _ = clean_text("带动上下游企业共建共享, 2024年该企业党支部获评先进。")
    assert out == "带动上下游企业共建共享,2024年该企业党支部获评先进。"


# --- lines and paragraphs -----------------------------------------------------------------------

def test_hard_wrapped_lines_join_without_a_space():
    src = "济宁高新区根据城乡人员规模和区域\n特点,以居民小组、住宅小区为单元\n划分基础网格231个。"
    out, _ = clean_text(src)
    assert out == "济宁高新区根据城乡人员规模和区域特点,以居民小组、住宅小区为单元划分基础网格231个。"


def test_paragraph_broken_by_the_layout_rejoins():
    src = ("安丘市围绕实施“百千万提升工程”为主线,已评定的五星党组织,全部纳入“百千万提升工程”重\n\n"
           "点培育,形成以点带面、以先带后进的整体效应。\n\n下一段另起。")
    out, _ = clean_text(src)
    assert lines(out) == [
        "安丘市围绕实施“百千万提升工程”为主线,已评定的五星党组织,全部纳入“百千万提升工程”重点培育,形成以点带面、以先带后进的整体效应。",
        "下一段另起。",
    ]


def test_finished_paragraphs_and_headings_are_not_joined():
    src = ("# 山东省安丘市： 释放党建聚链“红利”\n\n近年来,安丘市扎实推进基层党建工作。\n\n"
           "## 以党建为“链” 实现企业由散到聚\n\n安丘市立足园区资源集约的特点,扩大巩固优势\n\n"
           "以规范为“尺” 实现组织由弱到强\n\n安丘市围绕实施“百千万提升工程”为主线。")
    out, _ = clean_text(src)
    assert lines(out) == [
        "山东省安丘市：释放党建聚链“红利”",
        "近年来,安丘市扎实推进基层党建工作。",
        "以党建为“链” 实现企业由散到聚",
        "安丘市立足园区资源集约的特点,扩大巩固优势",
        "以规范为“尺” 实现组织由弱到强",
        "安丘市围绕实施“百千万提升工程”为主线。",
    ]


def test_unbalanced_quote_is_not_a_heading():
    out, _ = clean_text("柳行街道依托\"党派我来解\n\n民忧\"党建品牌赋能基层养老服务资源。")
    assert out == "柳行街道依托\"党派我来解民忧\"党建品牌赋能基层养老服务资源。"


def test_line_endings_do_not_matter():
    base = "近年来,安丘市扎实推进基层\n党建工作,时刻紧抓园区。\n\n## 小标题\n\n正文继续。"
    want, _ = clean_text(base)
    for variant in (base.replace("\n", "\r\n"), base.replace("\n", "\r"),
                    base.replace("\n\n", "\r\n\n").replace("工作", "工作")):
        got, offsets = clean_text(variant)
        assert got == want
        assert_offsets(variant, got, offsets)


def test_extremely_long_line():
    src = "济宁高新区 持续深化党建 引领，不断探索创新。" * 50_000
    out, offsets = clean_text(src)
    assert out == src.replace(" ", "")
    assert_offsets(src, out, offsets)


# --- photos -------------------------------------------------------------------------------------

PHOTO = """安丘市实行党建指导员与服务企业专员“双轮驱动”机制。坚持需求前置,选派33名经验



安丘市工业园区成立机械制造产业链党建联盟。\x20\x20
安丘市委组织部供图

丰富的党务骨干入企担任党建指导员,厚植基层党建基础。"""


def test_caption_moves_out_and_the_sentence_rejoins():
    out, offsets = clean_text(PHOTO)
    assert lines(out) == [
        "安丘市实行党建指导员与服务企业专员“双轮驱动”机制。坚持需求前置,选派33名经验丰富的党务骨干入企担任党建指导员,厚植基层党建基础。",
        "安丘市工业园区成立机械制造产业链党建联盟。",
        "安丘市委组织部供图",
    ]
    assert_offsets(PHOTO, out, offsets)


def test_picture_markers_are_dropped_from_kept_captions():
    src = ("济宁高新区根据城乡人员规模和区域特点,在城市社区科\n\n\n\n济宁高新区供图\n\n"
           "右图:济宁高新区创新谷党建文化广场\n\n左图:济宁高新区柳行街道老年学堂\n\n学划分基础网格231个。")
    out, _ = clean_text(src)
    assert lines(out) == [
        "济宁高新区根据城乡人员规模和区域特点,在城市社区科学划分基础网格231个。",
        "济宁高新区供图",
        "济宁高新区创新谷党建文化广场",
        "济宁高新区柳行街道老年学堂",
    ]


def test_a_short_paragraph_after_ordinary_blank_lines_is_not_a_caption():
    src = "近年来,安丘市扎实推进基层党建工作。\n\n充分发挥自治基础作用。\n\n合江县广泛推行自治机制。"
    out, _ = clean_text(src)
    assert lines(out) == ["近年来,安丘市扎实推进基层党建工作。", "充分发挥自治基础作用。", "合江县广泛推行自治机制。"]


def test_blank_lines_after_a_title_or_byline_are_no_photo():
    for src in ("# 标题\n\n\n\n\n正文第一段，这里是内容。\n\n正文第二段继续。",
                "# 标题\n\n记者 张三 李四\n\n\n\n正文第一段，这里是内容。\n\n正文第二段继续。"):
        out, _ = clean_text(src)
        assert lines(out)[-2:] == ["正文第一段，这里是内容。", "正文第二段继续。"]


def test_a_photo_credit_with_a_role_word_is_no_byline():
    src = "# 标题\n\n记者 张三 李四\n\n正文第一段，这里是\n\n\n\n会场一角。\n\n记者 王五 摄\n\n内容。"
    out, _ = clean_text(src)
    assert lines(out) == ["标题", "记者 张三 李四", "正文第一段，这里是内容。", "会场一角。", "记者 王五 摄"]


def test_articles_are_separated_by_a_blank_line():
    src = "# 第一篇\n\n记者 张三\n\n第一篇正文。\n\n# 第二篇\n\n记者 李四\n\n第二篇正文。"
    out, offsets = clean_text(src)
    assert out == "第一篇\n记者 张三\n第一篇正文。\n\n第二篇\n记者 李四\n第二篇正文。"
    assert_offsets(src, out, offsets)


# --- furniture and metadata ---------------------------------------------------------------------

def test_furniture_kickers_html_remnants_and_footer():
    src = (FIX / "furniture.txt").read_text(encoding="utf-8")
    out, offsets = clean_text(src)
    assert lines(out) == [
        "以高质量党建引领高质量发展",
        "本报记者 林金彦",
        "——全市基层党建工作现场观摩侧记",
        "高质量党建是高质量发展的坚强组织保障。",
        "5月13日至15日,全市基层党建工作现场观摩会议召开。",
        "2024-05-21 聊城日报",
    ]
    assert_offsets(src, out, offsets)


def test_editor_line_is_kept_last_and_normalised():
    src = "编辑:褚思雨  组版:李腾 校对: 孔媛媛\n\n正文第一段。\n\n正文第二段。"
    out, _ = clean_text(src)
    assert lines(out)[-1] == "编辑:褚思雨 组版:李腾 校对:孔媛媛"


def test_only_furniture_gives_nothing():
    assert clean_text("上一篇\n下一篇\n放大+  缩小-   默认o\n") == ("", [])


# --- provenance ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_offsets_are_exact_on_the_seeds(path: Path):
    src = path.read_text(encoding="utf-8")
    out, offsets = clean_text(src)
    assert_offsets(src, out, offsets)
    kept = sum(not c.isspace() for c in out)
    assert kept > 0.95 * sum(not c.isspace() for c in src)  # cleaning drops little


def test_offsets_through_html_point_into_the_page():
    page = (FIX / "page.txt").read_text(encoding="utf-8")
    (article,) = read_file(FIX / "page.txt")
    for c, o in zip(article.text, article.offsets, strict=True):
        assert 0 <= o < len(page)
        assert page[o] == c or c in SYNTHETIC or page[o] == "&", (c, page[o:o + 8])


_ALPHABET = st.sampled_from(
    list("党建引领济宁高新区。，,、“”\"：:■记者 孟航#\n\n\n\r\t\u3000\x00abc12!?…")
    + ["供图", "右图:", "上一篇", "编辑:", "-->", "<p>", "通讯员", "摄", "——", "日报", "\n\n\n\n", "## "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_offsets_hold_for_any_text(src: str):
    out, offsets = clean_text(src)
    assert_offsets(src, out, offsets)
    assert "\x00" not in out and "\r" not in out and "\u3000" not in out


def test_cleaning_is_deterministic():
    for path in SEEDS:
        src = path.read_text(encoding="utf-8")
        assert clean_text(src) == clean_text(src)


def test_a_site_menu_line_is_dropped_but_a_byline_of_names_stays():
    text = ("国内新闻 本地要闻 精彩推荐 专题报道集锦 通知公告栏 日报数字版 晚报数字版\n"
            "记者 张明 李华 王强 赵亮 孙伟 周杰\n"
            "某县召开党建工作推进会。\n")
    cleaned, _ = clean_text(text)
    assert "精彩推荐" not in cleaned
    assert "张明" in cleaned and "推进会" in cleaned
