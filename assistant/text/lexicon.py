"""The word lists of the three languages, each written once: function words, question words,
words that name what is asked for, and words that point back at an earlier turn.

These are properties of English, Azerbaijani and Russian, not of any knowledge folder: no
word about the forum or its places belongs here (a test checks that no word mixes Latin and
Cyrillic letters, which could never match).
"""

from __future__ import annotations

EN_FUNCTION = frozenset(
    """a about above after again against all also am an and any are aren as at be because
    been before being below between both but by can could did do does doing don down during
    each few for from further had has have having he her here hers him his how i if in into
    is isn it its itself just me more most my no nor not now of off on once only or other our
    out over own same she should so some such than that the their them then there these they
    this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours tell please know explain anything something happen
    happens happened take takes taking took place held hold holds going get got let us kind
    sort way thing things much many go goes say says said mean means like else exactly really
    actually still yet ever start starts started begin begins began end ends finish make makes
    made give gives gave given see sees stand stands information info details detail regarding
    concerning hello hi thanks thank""".split()
)
AZ_FUNCTION = frozenset(
    """və ilə da də ki bu o bir nə necə niyə harada hara harda haradadır haqqında kim kimdir
    kimlər hansı hansi neçə nece ne vaxt zaman mi mı mu mü mə bəs bes ya yaxud amma lakin
    üçün ucun olan olub olur olacaq oldu edir edilir edilib edəcək keçirilir keçiriləcək
    keçirilib kecirilecek kecirilir kecirilib keçirildi kecirildi var yox deyil isə ise ile
    məni mənə sən siz biz onlar onun onu ona bunu buna burada orada daha çox cox ən en hər her
    səncə sence zəhmət zehmet söylə soyle de deyin görə gore barədə barede kimlə kimlərlə kimə
    kimdən nədir nədən nəyə niye haqda məlumat melumat ver verir verib verəcək verilir olunur
    olunub olunacaq başlayır başlayacaq baslayir bitir hardadır hardadir salam sağ sag ol
    təşəkkür tesekkur sağol həmçinin hemcinin ancaq""".split()
)
RU_FUNCTION = frozenset(
    """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
    только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже
    или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
    тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
    будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем
    чтобы нее были куда зачем всех никогда можно при наконец два об другой хоть после над
    больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою
    этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между каком
    какие каких какое сколько скажите расскажите пожалуйста прошел прошла пройдет проходит
    состоится состоялся будут это почему кем кому каким какую свой своя свои своего
    начинается начнется заканчивается закончится проводится пройти информация также
    однако""".split()
)
# Russian function words as people type them in Latin letters ("gde proidet ...").
RU_LATIN_FUNCTION = frozenset(
    """gde kogda kak chto kto pochemu zachem budet proidet projdet prohodit prokhodit
    provoditsya privet spasibo kakoy kakaya kakie kakih skolko proshel proshol naydet li est
    u v na iz po ne eto byl byla bylo budut mozhno nuzhno svoj svoi svoya ego ee ikh""".split()
)
# Words that name what is asked for ("location", "dates"): the answer gives a place or a date,
# it does not repeat the word, so its absence from the sources says nothing.
ANSWER_TYPES = {
    "en": frozenset(
        """location venue place places city town country date dates day days time month
        year""".split()
    ),
    "az": frozenset(
        """yer yeri məkan məkanı tarix tarixi tarixləri tarixlərdə gün günü ay il vaxtı şəhər
        şəhərdə""".split()
    ),
    "ru": frozenset(
        """место месте город городе страна дата даты датах число числа день дни время месяц
        год""".split()
    ),
}
QUESTION_WORDS = frozenset(
    """when where who whom whose what which why how
    nə vaxt harada hara harda kim kimlər niyə necə hansı neçə nece ne niye hansi
    когда где кто что какой какая какое какие каком почему зачем как сколько куда откуда чей
    kogda gde kto chto pochemu skolko""".split()
)
# Words that open a question continuing the previous one: "And where?", "What about ...?".
OPENERS = ("and", "also", "what about", "how about", "bəs", "bes", "həmçinin", "hemcinin",
           "а", "и", "ещё", "еще", "а как")  # fmt: skip
# Words that point back at something named earlier. Strong ones always need it ("Is
# UN-Habitat one of them?"); weak ones are often empty ("is it true that ...", "это") and lean
# only when the question names nothing itself.
ANAPHORA = frozenset(
    """its there they them their this those these he she him her his
    onun ona onu orada ora oranı onlar onların həmin
    он она оно они его её ее их им ним ней там туда тот та этот эта этом этого
    eyo tam""".split()
)
WEAK_ANAPHORA = frozenset("it o это eto".split())

FUNCTION_WORDS = EN_FUNCTION | AZ_FUNCTION | RU_FUNCTION | RU_LATIN_FUNCTION
# Words that carry no subject of their own: what coverage and follow-ups look past.
STOPWORDS = FUNCTION_WORDS.union(*ANSWER_TYPES.values())
