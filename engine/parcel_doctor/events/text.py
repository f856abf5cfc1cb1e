"""Tracking text folded to comparable words: the one normalisation the event classifier
applies to carrier wording (facts/stages.toml) and to the lines it reads.

Unicode NFKC (full-width letters and digits become plain ones), case folded, accents of
Latin letters dropped, punctuation and symbols become spaces, traditional Chinese
characters folded to their simplified forms (海關清關 reads as 海关清关: Hong Kong and
Taiwan pages, and the traditional-Chinese pages of aggregators, print the same statuses
in traditional characters; phrases and lines are folded alike, so a Japanese phrase
keeps matching Japanese text). A Chinese or Japanese
character is a word of its own, so a phrase of such characters matches anywhere in a
line, while a Latin phrase matches whole words only.

`match_words` is what the classifier compares: the words without articles and
possessives ("the", "your", "der", "votre", "el", "o", ...), so "arrived at the
delivery office", "Your item was delivered" and "Llegó al país de destino" read like
the carriers' shorter wording of the same status.
"""

from __future__ import annotations

import unicodedata


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
    )


# Traditional -> simplified (each pair: the traditional character, then the simplified
# one) for the characters of tracking wording; a character not listed is left as it is.
_PAIRS = (
    "關关 國国 區区 簽签 給给 鄰邻 門门 戶户 運运 遞递 貨货 轉转 櫃柜 處处 "
    "發发 經经 機机 場场 領领 郵邮 務务 號号 衛卫 業业 們们 為为 從从 將将 "
    "與与 員员 單单 無无 資资 訊讯 態态 確确 認认 過过 時时 間间 際际 開开 "
    "離离 進进 額额 稅税 費费 檢检 驗验 審审 滯滞 異异 損损 壞坏 遺遗 銷销 "
    "毀毁 還还 攬揽 網网 點点 倉仓 庫库 車车 飛飞 準准 備备 裝装 約约 聯联 "
    "絡络 電电 話话 並并 於于 後后 個个 這这 裡里 請请 東东 圖图 導导 會会 "
    "來来 對对 應应 歸归 變变 軌轨 跡迹 詢询 錯错 誤误 邊边 內内 報报 韓韩 "
    "臺台 灣湾 廣广 達达 辦办 問问 題题 據据 線线 條条 證证 擬拟 價价 買买 "
    "賣卖 測测 試试 護护 "
)
_FOLD = str.maketrans({pair[0]: pair[1] for pair in _PAIRS.split()})


def _plain(char: str) -> str:
    """A Latin letter without its accents (é -> e, ü -> u, ç -> c); others unchanged."""
    if ord(char) >= 0x250:
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of `text`, folded: `"Départ: 【广州】 Item-Leaving"` ->
    `["depart", "广", "州", "item", "leaving"]`."""
    out: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFKC", text).casefold().translate(_FOLD):
        if not char.isalnum():
            if current:
                out.append("".join(current))
                current = []
        elif _is_cjk(char):
            if current:
                out.append("".join(current))
                current = []
            out.append(char)
        else:
            current.append(_plain(char))
    if current:
        out.append("".join(current))
    return out


# Articles and possessive determiners of the classifier's languages: they tell nothing
# about a stage, and carriers put them in or leave them out ("arrived at (the) post
# office", "(votre) colis est livré"). Compared after folding (no accents).
_FUNCTION_WORDS = frozenset(
    " ".join(
        (
            "the a an your our its their my",  # en
            "der die das den dem des ein eine einen einem einer ihr ihre ihren ihrem ihrer",  # de
            "le la les l un une votre vos son sa ses notre nos",  # fr
            "el los las una su sus",  # es
            "o os as um uma seu sua seus suas",  # pt
        )
    ).split()
)


def match_words(text: str) -> list[str]:
    """The words of `text` the classifier compares: `words(text)` without articles and
    possessives (`"Your parcel has left the UK"` -> `["parcel", "has", "left", "uk"]`)."""
    return [word for word in words(text) if word not in _FUNCTION_WORDS]
