from __future__ import annotations

from recommenders import Document, Tokenizer
from recommenders.tokenizer import BIGRAM_PREFIX, DESCRIPTION, KEYWORDS, TITLE


def words(tok: Tokenizer, text: str) -> list[str]:
    return [t for t in tok.tokenize(text) if not t.startswith(BIGRAM_PREFIX)]


def test_empty_and_punctuation_only(plain_tokenizer: Tokenizer) -> None:
    assert plain_tokenizer.tokenize("") == []
    assert plain_tokenizer.tokenize("   \n\t") == []
    assert plain_tokenizer.tokenize("，。！？、；：“”（）《》——…,.!?;:()[]{}<>-_/\\|@#$%^&*") == []


def test_emoji_dropped(plain_tokenizer: Tokenizer) -> None:
    assert plain_tokenizer.tokenize("😀🚀👍") == []
    assert "散热" in words(plain_tokenizer, "散热😀问题🚀")


def test_english_only_and_case(plain_tokenizer: Tokenizer) -> None:
    toks = plain_tokenizer.tokenize("Deep Learning for PLC and SCADA")
    assert toks == ["deep", "learning", "for", "plc", "and", "scada"]
    assert plain_tokenizer.tokenize("IGBT") == plain_tokenizer.tokenize("igbt")


def test_full_width_ascii_normalised(plain_tokenizer: Tokenizer) -> None:
    assert plain_tokenizer.tokenize("ＩＧＢＴ　ＳｉＣ") == ["igbt", "sic"]


def test_ascii_terms_kept_whole(plain_tokenizer: Tokenizer) -> None:
    toks = words(plain_tokenizer, "采用IGBT和SiC器件，5G专网连接AGV小车，PEEK材料")
    for term in ("igbt", "sic", "5g", "agv", "peek"):
        assert term in toks


def test_lone_letters_dropped_numbers_kept(plain_tokenizer: Tokenizer) -> None:
    toks = words(plain_tokenizer, "温度120℃，COD 80 mg/L，316L不锈钢")
    assert "c" not in toks and "l" not in toks
    assert "316l" in toks


def test_long_text(plain_tokenizer: Tokenizer) -> None:
    text = "碳化硅功率模块散热技术研究。" * 7200  # ~100k characters
    toks = plain_tokenizer.tokenize(text)
    assert len(toks) > 10000
    assert "散热" in toks


def test_user_terms_and_synonyms(tokenizer: Tokenizer, plain_tokenizer: Tokenizer) -> None:
    assert "热障涂层" in words(tokenizer, "发动机叶片热障涂层剥落")
    assert "热障涂层" not in words(plain_tokenizer, "发动机叶片热障涂层剥落")
    assert "锂离子电池" in words(tokenizer, "锂电池鼓包")


def test_two_lexicons_do_not_fight() -> None:
    a = Tokenizer(["功率模块"])
    b = Tokenizer(["模块散热"])
    text = "功率模块散热"
    assert "功率模块" in words(a, text)
    assert "模块散热" in words(b, text)
    assert "功率模块" in words(a, text)  # b's dictionary did not leak into a


def test_stop_words_and_boilerplate_removed(plain_tokenizer: Tokenizer) -> None:
    toks = words(plain_tokenizer, "我公司主要生产轴承，希望与高校课题组合作研发")
    assert "轴承" in toks
    for w in ("公司", "我", "希望", "课题组", "研发", "的"):
        assert w not in toks


def test_bigrams_from_content_runs_only(plain_tokenizer: Tokenizer) -> None:
    toks = plain_tokenizer.tokenize("我公司的轴承磨损")
    grams = [t[len(BIGRAM_PREFIX) :] for t in toks if t.startswith(BIGRAM_PREFIX)]
    assert "磨损" in grams and "轴承" in grams
    assert not any("公" in g or "的" in g for g in grams)


def test_tokens_field_markers(plain_tokenizer: Tokenizer) -> None:
    doc = Document("x", "轴承磨损", "修复轴颈", keywords=("再制造",))
    toks = plain_tokenizer.tokens(doc)
    assert toks[0] == TITLE
    assert toks.index(TITLE) < toks.index(KEYWORDS) < toks.index(DESCRIPTION)
    assert plain_tokenizer.tokens(Document("e", "")) == []


def test_fingerprint_tracks_lexicon(tokenizer: Tokenizer, plain_tokenizer: Tokenizer) -> None:
    assert tokenizer.fingerprint != plain_tokenizer.fingerprint
    assert Tokenizer(["碳化硅"]).fingerprint == Tokenizer(["碳化硅"]).fingerprint
    assert Tokenizer(["碳化硅"]).fingerprint != Tokenizer(["氮化镓"]).fingerprint
