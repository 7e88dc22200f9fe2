"""Parts of generated items: claims, inferences, Chinese wordings, divergences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

from ma_proposals.model import ChineseWording, Citation, Claim, Divergence, Inference

from ._corpus import Corpus, _evidence_list, _maybe, _slugs, _words

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn

_CHINESE = st.text(st.sampled_from("关于数字经济乡村振兴的建议,。“”"), min_size=1)


def _wordings(
    draw: DrawFn, external: str | None, optional: bool | None
) -> tuple[ChineseWording, ...]:
    """Chinese wordings given by ``external`` (none without an external source)."""
    if external is None or not (optional or (optional is None and draw(st.booleans()))):
        return ()
    count = draw(st.integers(1, 2))
    return tuple(
        ChineseWording(draw(_CHINESE), external, _maybe(draw, _words(), optional))
        for _ in range(count)
    )


def _divergences(
    draw: DrawFn, corpus: Corpus, external: str | None, optional: bool | None
) -> tuple[Divergence, ...]:
    """Divergences with evidence in ``corpus``, citing ``external`` if given."""
    if not (optional or (optional is None and draw(st.booleans()))):
        return ()
    ids = draw(_slugs(1, 2))
    cited = (
        (Citation(external, _maybe(draw, _CHINESE, optional)),)
        if external is not None
        else ()
    )
    return tuple(
        Divergence(i, draw(_words()), _evidence_list(draw, corpus), cited) for i in ids
    )


def _inference(draw: DrawFn, corpus: Corpus, optional: bool | None) -> Inference | None:
    present = draw(st.booleans()) if optional is None else optional
    if not present:
        return None
    return Inference(draw(_words()), _evidence_list(draw, corpus))


def _claim(
    draw: DrawFn,
    corpus: Corpus,
    id: str,
    refs: list[str],
    optional_fields: bool | None = None,
    external: str | None = None,
) -> Claim:
    about = draw(st.lists(st.sampled_from(refs), unique=True)) if refs else []
    return Claim(
        id,
        draw(_words()),
        tuple(about),
        _evidence_list(draw, corpus),
        wordings_zh=_wordings(draw, external, optional_fields),
        inferred=_inference(draw, corpus, optional_fields),
    )
