"""Which words of a question the sources never use.

Dense similarity alone cannot tell "When is WUF13?" from "How much is a ticket to WUF13?":
both mention WUF13 and score alike. A question whose content words (not function or
question words) include some that appear nowhere in the knowledge, in any language, asks
about something the sources do not cover. Words are compared by their first five letters,
which absorbs most Azerbaijani and Russian endings, with Azerbaijani letters folded to
plain Latin ones.

    >>> vocabulary = Vocabulary(["WUF13 will be held in Baku on 17-22 May."])
    >>> vocabulary.uncovered("How much does a ticket to WUF13 cost?")
    ['ticket', 'cost']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .bm25 import FOLD as _FOLD
from .bm25 import STEM_PREFIX
from .language import words

_EN = """a about above after again against all also am an and any are aren as at be because
been before being below between both but by can could did do does doing don down during each
few for from further had has have having he her here hers him his how i if in into is isn it
its itself just me more most my no nor not now of off on once only or other our out over own
same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will
with would you your yours tell please know explain anything something happen happens
happened take takes taking took place held hold holds being going get got let us me kind sort
way thing things much many go goes say says said mean means like does doing else exactly
really actually still yet ever start starts started begin begins began end ends finish
make makes made give gives gave given see sees stand stands information info details detail
any regarding concerning""".split()
_AZ = """və ilə da də ki bu o bir nə necə niyə harada hara harda haradadır haqqında kim kimdir
kimlər hansı hansi neçə nece ne nə vaxt zaman mi mı mu mü mə bəs bes ya yaxud amma lakin
üçün ucun olan olub olur olacaq oldu edir edilir edilib edəcək keçirilir keçiriləcək
keçirilib kecirilecek kecirilir kecirilib var yox deyil isə ise ilə ile məni mənə sən siz biz
onlar onun onu ona bunu buna burada orada daha çox cox ən en hər her səncə sence zəhmət
zehmet söylə soyle de deyin de görə gore barədə barede kimlə kimlərlə kimə kimdən nədir
nədən nəyə niye haqda məlumat melumat ver verir verib verəcək verilir olunur olunub
olunacaq başlayır başlayacaq baslayir bitir""".split()
_RU = """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или
ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот
через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед
иногда лучше чуть том нельзя такой им более всегда конечно всю между каком какие каких
какое каком сколько скажите расскажите пожалуйста прошел прошла пройдет проходит
состоится состоялся будут это почему кем кому чем каким какую свой своя свои своего
начинается начнется заканчивается закончится проводится пройти информация gde kogda kak
chto kto budet proidet projdet prohodit""".split()
# Words that name what is asked for ("location", "dates"): the answer gives a place or a date,
# it does not repeat the word, so its absence from the sources says nothing.
_ANSWER_TYPES = """location venue place places city town country date dates day days time
month year yer yeri məkan məkanı tarix tarixi tarixləri tarixlərdə gün günü ay il vaxtı
şəhər şəhərdə шəhər место месте город городе страна дата даты датах число числа день дни
время месяц год""".split()
STOPWORDS = frozenset(_EN + _AZ + _RU + _ANSWER_TYPES)
_SPLIT = re.compile(r"\d+|[^\W\d_]+")


def _stem(word: str) -> str:
    return word if word.isdigit() else word.translate(_FOLD)[:STEM_PREFIX]


def content_words(question: str) -> list[str]:
    """Lower-cased words of the question that carry meaning (not stopwords, not 1 letter)."""
    return [w for w in words(question) if len(w) > 1 and w not in STOPWORDS]


def _deletions(word: str) -> list[str]:
    """``word`` with each one of its letters removed, in order."""
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


class Vocabulary:
    """The stems of every word in the knowledge, all languages together, and an index of
    each word's one-letter deletions for typo tolerance in constant time per query word."""

    def __init__(self, texts: Iterable[str]) -> None:
        folded = {w.translate(_FOLD) for text in texts for w in words(text)}
        self.stems = {_stem(w) for w in folded} | {
            _stem(p) for w in folded for p in _SPLIT.findall(w)
        }
        # Typos are only looked for in words of five letters or more, so their neighbours
        # have four or more; numbers never count as a typo of anything.
        typo_words = {w for w in folded if len(w) >= 4 and not w.isdigit()}
        self._words = frozenset(typo_words)
        self._deleted = frozenset(d for w in typo_words for d in _deletions(w))
        self._replaced = frozenset(
            f"{i}|{d}" for w in typo_words for i, d in enumerate(_deletions(w))
        )

    def state(self) -> dict[str, list[str]]:
        """Everything the vocabulary holds, for :meth:`from_state` (see snapshot.py)."""
        return {
            "stems": list(self.stems),
            "words": list(self._words),
            "deleted": list(self._deleted),
            "replaced": list(self._replaced),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, list[str]]) -> Vocabulary:
        """The vocabulary :meth:`state` described."""
        vocabulary = cls.__new__(cls)
        vocabulary.stems = set(state["stems"])
        vocabulary._words = frozenset(state["words"])
        vocabulary._deleted = frozenset(state["deleted"])
        vocabulary._replaced = frozenset(state["replaced"])
        return vocabulary

    def covers(self, word: str) -> bool:
        """True when the sources use ``word``: by its stem, by its letter and digit parts
        ("wuf13"), or with one letter changed, added or removed in a word of five letters
        or more ("bakuu")."""
        if _stem(word) in self.stems:
            return True
        parts = _SPLIT.findall(word)
        if len(parts) > 1:
            return all(_stem(p) in self.stems for p in parts)
        folded = word.translate(_FOLD)
        if len(folded) < 5 or folded.isdigit():
            return False
        if folded in self._deleted:  # a letter missing from a source word
            return True
        deletions = _deletions(folded)
        return any(d in self._words for d in deletions) or any(  # one letter too many
            f"{i}|{d}" in self._replaced
            for i, d in enumerate(deletions)  # one changed
        )

    def uncovered(self, question: str) -> list[str]:
        """Content words of ``question`` that no source uses (in order, no repeats)."""
        out: list[str] = []
        for word in content_words(question):
            if not self.covers(word) and word not in out:
                out.append(word)
        return out
