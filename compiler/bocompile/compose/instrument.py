"""The amendment instrument: the signing-ready text of one amendment.

From the operations of one amendment and the agreement just before it, it
builds a small agreement of its own: one article per target provision
(several changes to one article become "de volgende wijzigingen: 1° ...;
2° ..."), then an article on entry into force. Each operation words itself
(its `word` in the registry); every formula is a template of templates/lang.
"""

from __future__ import annotations

from dataclasses import dataclass

from bocompile.amend.history import History, Step
from bocompile.amend.marks import unmarked
from bocompile.compose.edition import Edition
from bocompile.compose.formulas import Formulas, suffix
from bocompile.compose.inputs import edition_of, history_of, languages_of
from bocompile.compose.plan import Planned, plan
from bocompile.language import Language
from bocompile.load import Loaded
from bocompile.model import (
    Agreement,
    Amending,
    Block,
    Division,
    ListBlock,
    ListItem,
    Quotation,
    Reference,
    Text,
    query,
    rewrite,
    walk_divisions,
)
from bocompile.model.amendment import Amendment, Modification
from bocompile.model.facts import AmendmentInfo
from bocompile.number import Numbering
from bocompile.operations import kind_of


@dataclass(frozen=True)
class Instrument:
    title: dict[str, str]
    preamble: tuple[Block, ...]
    body: Agreement  # its articles, numbered 1..n
    numbering: Numbering
    modifications: tuple[Modification, ...]


def instrument_editions(loaded: Loaded, *, states: History | None = None) -> list[Edition]:
    return [instrument_edition(loaded, step) for step in (states or history_of(loaded)).steps]


def instrument_edition(loaded: Loaded, step: Step) -> Edition:
    """The instrument of the amendment `step` applied: it needs nothing of
    the others', so a build composes each where it writes it."""
    config, langs = loaded.config, languages_of(loaded)
    info = step.amendment.info
    instrument = build_instrument(step, langs, config.numbering, config.grouping, config.title, info.parties)
    return edition_of(
        loaded,
        instrument.body,
        numbering=instrument.numbering,
        title=instrument.title,
        name=f"amendments/{info.id}",
        kind="amendment",
        date=info.signed,
        signing=info.signing,
        front={lang: (info.title[lang],) for lang in langs},
        preamble=instrument.preamble,
        amendments=(step.amendment,),
        modifications=instrument.modifications,
    )


def build_instrument(
    step: Step, languages: dict[str, Language], style: str, grouping: str, agreement_title: dict[str, str], parties
) -> Instrument:
    formulas = Formulas(step, languages, style, grouping)
    info = step.amendment.info
    planned = plan(step)
    bodies = [_article(formulas, article) for article in planned]
    bodies.append(
        (
            formulas.para(
                {
                    lang: formulas.t(lang, "instrument.entry_into_force", date=languages[lang].date(info.in_force))
                    for lang in languages
                }
            ),
        )
    )
    articles = tuple(
        Division(
            "article",
            f"{info.id}-art-{i}",
            {lang: () for lang in languages},
            _resolve_refs(unmarked(body), formulas.after, languages),
            (),
            formulas.loc,
            number=(i,),
        )
        for i, body in enumerate(bodies, start=1)
    )
    # its own articles, and the provisions it quotes, as numbered after it
    numbered = [*articles, *(d for q in query(articles, Quotation) for d in walk_divisions(q.divisions))]
    numbering = Numbering({d.key: d.number for d in numbered}, {d.key: d.kind for d in numbered}, style)
    modifications = tuple(
        _modification(formulas, op)
        for article in planned
        for op in (article.operations[:1] if article.run else article.operations)
    )
    title = {lang: instrument_title(info, languages[lang], agreement_title[lang]) for lang in languages}
    return Instrument(
        title, _preamble(formulas, parties, agreement_title), Agreement(articles), numbering, modifications
    )


def _article(formulas: Formulas, article: Planned) -> tuple[Block, ...]:
    """The body of one instrument article: one formula, a run of insertions,
    or "de volgende wijzigingen: 1° ...; 2° ..." for several on one provision."""
    ops = article.operations
    if article.run:
        word_run = kind_of(ops[0]).word_run
        assert word_run is not None, "plan() runs only operations that word a run"
        return word_run(formulas, ops, "formula")
    if len(ops) == 1:
        return kind_of(ops[0]).word(formulas, ops[0], "formula")
    target = article.targets[0]
    intro = formulas.say("formula", "several", lambda lang: formulas.cite(lang, target))
    items = []
    for index, op in enumerate(ops):
        blocks = kind_of(op).word(formulas, op, "formula.item")
        if not any(isinstance(b, Amending) and b.quotation for b in blocks):  # a bare formula: ";" or "."
            mark = "last" if index == len(ops) - 1 else "between"
            blocks = suffix(
                blocks, {lang: formulas.t(lang, f"formula.punctuation.{mark}") for lang in formulas.languages}
            )
        items.append(ListItem(blocks, formulas.loc))
    return (intro, ListBlock("point", tuple(items), formulas.loc))


def _modification(formulas: Formulas, op) -> Modification:
    """The textualMod of `op`: its <mod> (by its number) and where it applies
    (a run of insertions: its first's place, with every new provision)."""
    number = next(i for i, o in enumerate(formulas.step.amendment.operations, start=1) if o is op)
    kind, destinations = kind_of(op).textual(formulas, op)
    return Modification(number, kind, destinations)


def instrument_title(info: AmendmentInfo, language: Language, agreement_title: str) -> str:
    """ "15 OKTOBER 2020. – Wijziging nr. 2 van de bestuursovereenkomst 2019-2021":
    one wording for the instrument and for whatever cites it."""
    return language.render(
        "instrument.title",
        date=language.date(info.signed, "title"),
        nr=info.number,
        agreement=agreement_title,
        subject=info.title[language.code],
    )


def cited_titles(
    amendments: tuple[Amendment, ...], languages: dict[str, Language], agreement_title: dict[str, str]
) -> dict[str, dict[int, str]]:
    """Per language, each amendment's number -> its instrument title: what
    Edition.cited holds for a text that includes `amendments` (the
    consolidated text, a comparison), so that it cites them as they are titled."""
    return {
        lang: {a.info.number: instrument_title(a.info, languages[lang], agreement_title[lang]) for a in amendments}
        for lang in languages
    }


def _preamble(formulas: Formulas, parties, agreement_title) -> tuple[Block, ...]:
    langs, t = formulas.languages, formulas.t
    lines = [{lang: t(lang, "instrument.between") for lang in langs}]
    for index, party in enumerate(parties):
        if index:
            lines.append({lang: t(lang, "instrument.and") for lang in langs})
        lines.append(
            {
                lang: t(
                    lang,
                    "instrument.party",
                    name=party.name[lang],
                    signatories=", ".join(
                        t(
                            lang,
                            "instrument.signatory",
                            title=s.title.get(lang, ""),
                            name=s.name,
                            function=s.function[lang],
                        )
                        for s in party.signatories
                    ),
                )
                for lang in langs
            }
        )
    lines.append({lang: t(lang, "instrument.legal_basis") for lang in langs})
    lines.append({lang: t(lang, "instrument.agreement_basis", agreement=agreement_title[lang]) for lang in langs})
    lines.append({lang: t(lang, "instrument.agreed") for lang in langs})
    return tuple(formulas.para(line) for line in lines)


def _resolve_refs(body: tuple[Block, ...], numbering: Numbering, languages) -> tuple[Block, ...]:
    """References in quoted text cite the amended agreement, not this
    instrument: they become plain numbers."""

    def number_of(node, lang):
        if not isinstance(node, Reference):
            return node
        return Text(languages[lang].number(numbering.kinds[node.key], numbering.text(node.key)))

    return rewrite(body, number_of)
