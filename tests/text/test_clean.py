"""What loading does to text: NFC, format characters dropped, emoji sequences named."""

from __future__ import annotations

from layout.text.clean import Changes, clean_text, emoji_sequences, nfc, notes


def test_a_decomposed_accent_is_composed_and_noted():
    changes = Changes()
    assert clean_text("cafe\u0301 au lait", changes, "paragraphs[0]") == "café au lait"
    assert changes.composed == {"e\u0301": "é"}
    (severity, code, message, path), = notes(changes)
    assert (severity, code, path) == ("info", "text-normalised", "paragraphs[0]")
    assert "U+0065 U+0301 → é" in message


def test_a_sequence_with_no_precomposed_form_stays_a_base_with_marks():
    # ẹ + acute has no precomposed form: NFC gives U+1EB9 U+0301, reordered canonically
    assert clean_text("e\u0301\u0323") == "\u1eb9\u0301"
    assert clean_text("q\u0301") == "q\u0301"


def test_cjk_compatibility_ideographs_are_kept_as_written():
    text = "\uf900\u8c48\U0002f800"
    assert nfc(text) == text
    assert clean_text("a\u0301\uf900") == "á\uf900"


def test_format_characters_are_dropped_with_their_code_points_named():
    changes = Changes()
    text = "零宽\u200b空格\u200b连接\u2060词\ufeff方\u200e向\u202a控\u202c制\u2066符\u2069号\u00ad"
    assert clean_text(text, changes, "headline") == "零宽空格连接词方向控制符号"
    assert changes.dropped[0x200B] == 2
    (_, code, message, path), = notes(changes)
    assert code == "format-dropped" and path == "headline"
    assert message.startswith("10 format characters that print nothing dropped")
    for cp in ("U+00AD soft hyphen", "U+200B zero-width space ×2", "U+2060 word joiner",
               "U+FEFF byte order mark", "U+200E left-to-right mark", "U+202A", "U+202C",
               "U+2066", "U+2069"):
        assert cp in message


def test_a_joiner_inside_an_emoji_sequence_is_kept_and_one_elsewhere_dropped():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    changes = Changes()
    assert clean_text(f"a\u200db{family}", changes) == f"ab{family}"
    assert changes.dropped == {0x200D: 1}
    assert changes.emoji[family] == "prints as its parts \U0001F468\U0001F469\U0001F467"


def test_emoji_that_cannot_print_as_on_a_screen_are_named_once():
    changes = Changes()
    flag = "\U0001F1E8\U0001F1F3"
    thumbs = "\U0001F44D\U0001F3FD"
    scotland = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
    text = f"{flag}{thumbs}❤\ufe0f{scotland}{flag}"
    assert clean_text(text, changes, "paragraphs[3]") == text
    assert changes.emoji == {flag: "prints as the letters CN in boxes",
                             thumbs: "prints without its skin tone",
                             scotland: "prints as a plain black flag"}
    (severity, code, message, path), = notes(changes)
    assert (severity, code, path) == ("warning", "emoji-sequence", "paragraphs[3]")
    assert "U+1F1E8 U+1F1F3" in message and "U+1F3FD" in message


def test_emoji_sequences_are_found_whole():
    assert emoji_sequences("a\U0001F1E8\U0001F1F3b\U0001F600c") == ["\U0001F1E8\U0001F1F3"]
    assert emoji_sequences("\U0001F469\U0001F3FD\u200d\U0001F4BB") == \
        ["\U0001F469\U0001F3FD\u200d\U0001F4BB"]


def test_line_separators_become_spaces_and_plain_text_is_untouched():
    assert clean_text("a\u2028b\u2029c") == "a b c"
    text = "市直机关工会开展关心关爱干部职工活动 2024-BJGH-0226"
    changes = Changes()
    assert clean_text(text, changes) is text or clean_text(text, changes) == text
    assert not changes
