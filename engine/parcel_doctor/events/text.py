"""Tracking text folded to comparable words: the one normalisation the event classifier
applies to carrier wording (facts/stages.toml) and to the lines it reads.

Unicode NFKC (full-width letters and digits become plain ones), case folded, accents of
Latin and Greek letters dropped (and strokes: "ł" reads "l"), punctuation and symbols become
spaces, traditional Chinese characters folded to their simplified forms (海關清關 reads
as 海关清关: Hong Kong and Taiwan pages, and the traditional-Chinese pages of
aggregators, print the same statuses in traditional characters; phrases and lines are
folded alike, so a Japanese phrase keeps matching Japanese text), and the Arabic-script
letters written two ways (Arabic and Persian yeh and kaf, alef with hamza) to one. A
Chinese, Japanese, Korean or Thai character is a word of its own (`stands_alone`), so a
phrase of such characters matches anywhere in a line, while a Latin phrase matches whole
words only.

`match_words` is what the classifier compares: the words without articles and
possessives ("the", "your", "der", "votre", "el", "o", ...), so "arrived at the
delivery office", "Your item was delivered" and "Llegó al país de destino" read like
the carriers' shorter wording of the same status.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


def stands_alone(char: str) -> bool:
    """Whether `char` is a word of its own: a character of the scripts whose words a line
    does not separate (Chinese, Japanese) or whose statuses run together (a Korean
    syllable, Thai), so a phrase of them matches anywhere in a line."""
    code = ord(char)
    return (
        0x0E00 <= code <= 0x0E7F  # Thai, its vowel and tone marks too ("นำจ่ายสำเร็จ")
        or 0x3040 <= code <= 0x30FF  # hiragana, katakana
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
# Arabic-script letters pages write two ways: the Arabic and the Persian yeh and kaf (a
# Persian keyboard types ی and ک, an Arabic one ي and ك, for the same word), alef with hamza
# or madda as bare alef, alef maqsura as yeh; the tatweel (a stretching stroke) is no letter.
_ARABIC = {
    "\u064a": "\u06cc",  # ي -> ی
    "\u0649": "\u06cc",  # ى -> ی
    "\u0643": "\u06a9",  # ك -> ک
    "\u0623": "\u0627",  # alef with hamza above -> alef
    "\u0625": "\u0627",  # alef with hamza below -> alef
    "\u0622": "\u0627",  # alef with madda -> alef
    "\u0640": None,  # tatweel
}
_FOLD = str.maketrans({**{pair[0]: pair[1] for pair in _PAIRS.split()}, **_ARABIC})


# Latin letters with a stroke have no Unicode decomposition: folded by hand (Polish
# "została" reads like "zostala", Danish/Norwegian "ø" like "o"), and so is the Turkish
# dotless i (U+0131), which an upper-case page writes "I" ("DAĞITIMDA" reads like its
# mixed-case form).
_STROKES = {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "\u0131": "i"}


# Greek letters lose their accents too: a page prints "Παραδόθηκε", in capitals "ΠΑΡΑΔΟΘΗΚΕ".
_GREEK = range(0x370, 0x400)


def _plain(char: str) -> str:
    """A Latin or Greek letter without its accents (é -> e, ü -> u, ç -> c, ł -> l; a Greek
    letter without its tonos or dialytika); others unchanged."""
    if ord(char) >= 0x250 and ord(char) not in _GREEK:
        return char
    if char in _STROKES:
        return _STROKES[char]
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Trade marks are no part of a word: NFKC would turn "Access Point™" into "PointTM".
_MARKS = str.maketrans(dict.fromkeys("\u2122\u00ae\u2120\u00a9", " "))


def _nfkc(text: str) -> str:
    """`text` in Unicode NFKC, trade-mark signs (™ ® ℠ ©) made spaces first."""
    return unicodedata.normalize("NFKC", text.translate(_MARKS))


# Ukrainian writes an apostrophe inside a word ("кур'єр", courier; pages also print a
# backtick or U+02BC, the modifier letter apostrophe): between two Cyrillic letters it
# joins them, it splits nothing.
_CYRILLIC_APOSTROPHE = re.compile("(?<=[\u0400-\u04ff])['`\u2019\u02bc](?=[\u0400-\u04ff])")


def words(text: str) -> list[str]:
    """The words of `text`, folded: `"Départ: 【广州】 Item-Leaving"` ->
    `["depart", "广", "州", "item", "leaving"]`."""
    out: list[str] = []
    current: list[str] = []
    text = _CYRILLIC_APOSTROPHE.sub("", _nfkc(text))
    for char in text.casefold().translate(_FOLD):
        if stands_alone(char):  # first: a Thai vowel or tone mark is no letter
            if current:
                out.append("".join(current))
                current = []
            out.append(char)
        elif unicodedata.combining(char):
            continue  # a mark left after case folding splits no word: "İ" folds to "i" and a dot
        elif not char.isalnum():
            if current:
                out.append("".join(current))
                current = []
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


# English negative contractions split at the apostrophe ("couldn't" -> "couldn", "t"):
# read as the two words they stand for, so "We couldn't deliver your parcel" reads like
# "could not deliver" and "wasn't delivered" is a negation, not a delivery.
_CONTRACTED = {
    "couldn": "could",
    "wouldn": "would",
    "shouldn": "should",
    "wasn": "was",
    "weren": "were",
    "isn": "is",
    "aren": "are",
    "didn": "did",
    "doesn": "does",
    "don": "do",
    "hasn": "has",
    "haven": "have",
    "hadn": "had",
    "can": "can",
    "won": "will",
}


def match_words(text: str) -> list[str]:
    """The words of `text` the classifier compares: `words(text)` without articles and
    possessives (`"Your parcel has left the UK"` -> `["parcel", "has", "left", "uk"]`; "it's"
    is read as the possessive it so often stands for on tracking pages, "on it's way"),
    negative contractions and "cannot" spelt out (`"couldn't"` -> `["could", "not"]`)."""
    out: list[str] = []
    for word in words(text):
        if word == "t" and out and out[-1] in _CONTRACTED:
            out[-1] = _CONTRACTED[out[-1]]
            out.append("not")
        elif word == "s" and out and out[-1] == "it":  # "on it's way": "its", often so written
            out.pop()
        elif word == "cannot":  # written as one word: "Item cannot be delivered"
            out += ["can", "not"]
        elif word not in _FUNCTION_WORDS:
            out.append(word)
    return out


# A bracketed part that names a place or a depot, not a status: 【广州】, the tortoise-
# shell brackets U+3014/U+3015, and square brackets with no lower-case Latin letter in
# them ([SHENZHEN], [深圳市]). Chinese couriers' lines name both ends of a hop this way:
# "【青岛转运中心】, 正发往【广州转运中心】". Compared after NFKC, which turns full-width
# commas, colons, semicolons, marks and parentheses into the plain ones.
_PLACE = re.compile(r"【[^】]*】|\u3014[^\u3015]*\u3015|\[[^\]a-z]*\]")
# Where a clause ends: a status is separated from its details by these (and by the
# ideographic full stop and comma U+3002, U+3001).
# A full stop after a single letter is an abbreviation's ("U.S. Postal Service", "J. Smith"),
# not the end of a clause or a sentence.
_CLAUSE_END = re.compile(r"[,;:!?()\u3002\u3001\t]|(?<!\b[A-Za-z])\.(?=\s|$)|\s-\s|\s{3,}")
_CLAUSE_SPLIT = re.compile(f"({_CLAUSE_END.pattern})")  # keeps what ended each clause
_DASH = re.compile(r"\s-\s")  # a status and what follows it: "Objeto entregue - Unidade"
# Where a sentence ends: a full stop before a capital or a CJK character, ! ? ; the
# ideographic full stop, and the end of a line (an event's detail lines on a page).
_SENTENCE_END = re.compile(r"[\u3002!?;\n]|(?<!\b[A-Za-z])\.(?=\s+[A-ZÀ-ÞА-Я\u3040-\u9fff])")
BREAK = "·"
"""The word standing for a bracketed place: no phrase matches it or runs over it."""


# A run of two words or more in capitals ("LOS ANGELES CA NETWORK DISTRIBUTION CENTER",
# "ROMA CMP"; words one space apart): after a word in small letters it is a place the
# page prints in capitals.
_CAPITALS = re.compile(r"\b[A-ZÀ-Þ0-9]*[A-ZÀ-Þ][A-ZÀ-Þ0-9]+(?:[ /&.'-][A-ZÀ-Þ0-9]+)+\b")
_SMALL = re.compile(r"[a-zß-ÿ]")


@dataclass(frozen=True)
class LineWords:
    """A line's words as the classifier compares them (`match_words`), with, for each
    word, the clause and the sentence it belongs to (counted from 0), the run of
    capitals it is part of (0: none; runs are numbered from 1) and the part of the line
    between " - " dashes ("Objeto entregue - Unidade de Distribuição, NITEROI": the
    status, then where; counted from 0). A bracketed place is one `BREAK` word."""

    words: list[str] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    capitals: list[int] = field(default_factory=list)
    part: list[int] = field(default_factory=list)

    def add(self, words: list[str], clause: int, sentence: int, capitals: int, part: int) -> None:
        self.words.extend(words)
        self.clause.extend([clause] * len(words))
        self.sentence.extend([sentence] * len(words))
        self.capitals.extend([capitals] * len(words))
        self.part.extend([part] * len(words))


def line_words(text: str) -> LineWords:
    """`"【广州】已出口直封, Left GUANGZHOU. Next."` -> words `["·", "已", "出", "口",
    "直", "封", "left", "guangzhou", "next"]`, clauses `[0, 0, 0, 0, 0, 0, 1, 1, 2]`,
    sentences `[0, 0, 0, 0, 0, 0, 0, 0, 1]`, capitals `[0, 0, 0, 0, 0, 0, 0, 1, 0]`,
    parts all 0."""
    text = _nfkc(text)
    out = LineWords()
    sentence = clause = runs = part = 0
    small = False  # a word in small letters seen before
    for sentence_text in _SENTENCE_END.split(text):
        pieces = _CLAUSE_SPLIT.split(sentence_text)
        clause_texts, ends = pieces[0::2], ["", *pieces[1::2]]
        if not any(match_words(_PLACE.sub(" ", c)) or _PLACE.search(c) for c in clause_texts):
            continue
        for clause_text, end in zip(clause_texts, ends, strict=True):
            before = len(out.words)
            part += _DASH.fullmatch(end) is not None and before > 0
            for index, piece in enumerate(_PLACE.split(clause_text)):
                if index:
                    out.add([BREAK], clause, sentence, 0, part)
                at = 0
                for run in _CAPITALS.finditer(piece):
                    if not (small or _SMALL.search(piece, 0, run.start())):
                        continue
                    out.add(match_words(piece[at : run.start()]), clause, sentence, 0, part)
                    runs += 1
                    out.add(match_words(run.group()), clause, sentence, runs, part)
                    at = run.end()
                out.add(match_words(piece[at:]), clause, sentence, 0, part)
                small = small or bool(_SMALL.search(piece))
            clause += len(out.words) > before
        sentence += 1
    return out
