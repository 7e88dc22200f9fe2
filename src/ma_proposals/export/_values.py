"""Before any export: refuse a set that holds a value no format can hold.

A set built in code is not checked as it is made, and may hold anything: a
``str`` where a vocabulary member belongs, ``NaN``, an integer beyond 64 bits,
a number where a text belongs, a string where a tuple belongs. Some writers
raise for such a value, others would write it (``nan``, a rounded number, a
string split into letters). So every export first checks the set's values with
the package's one engine (:mod:`ma_proposals._structure`), on the data
:func:`~ma_proposals.conversion.checkable` makes of the set, and refuses the
set, before writing anything, if a value is of the wrong type, out of range or
not encodable (:data:`REFUSED`).

Only values are checked: rules (an empty text, an id that is not a slug),
references and spans, and what spans the whole set (numbering, the declared
count) are :func:`~ma_proposals.validate`'s, and a set with such a problem is
still written as it is (a filtered set is a view whose numbering does not
validate, and exports as it should).

A set that passed is remembered by its identity (a set is immutable, and once
its values are of the right types, so are they), as is a set that was loaded
(its values were checked as it was read), so that exporting a set table by
table checks it once.

This module, like every module of :mod:`ma_proposals.export`, imports neither
the model nor validation: :meth:`ProposalSet.to_pandas
<ma_proposals.ProposalSet.to_pandas>` calls the exports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from ma_proposals._collector import Collector
from ma_proposals._index import VALUES_CHECKED, index_of, peek
from ma_proposals._structure import structure
from ma_proposals._wording import clip
from ma_proposals.conversion import checkable
from ma_proposals.errors import ExportError

if TYPE_CHECKING:
    from ma_proposals.model import ProposalSet

__all__ = ["REFUSED", "check_values"]

#: The problem codes of a value that an export refuses.
REFUSED = frozenset({"wrong-type", "out-of-range", "not-utf8", "bad-enum"})


def _ignored(self: Collector, *args: Any, **kwargs: Any) -> None:
    """Not a problem of a value: validate() reports it."""


class _Values(Collector):
    """Collects the problems of values alone, and builds nothing.

    Every reporter of a problem that is not about a value's type or range
    (rules, references, duplicate ids, evidence, keys) does nothing: such
    problems do not stop an export, and costing nothing they leave the
    one kept problem and the count to the values.
    """

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(1)
        self.flag = True  # check only: no object is built

    missing = unknown = rule = reference = _ignored
    duplicate_references = duplicate_ids = missing_evidence = evidence = _ignored


def check_values(what: str, proposal_set: object) -> None:
    """Raise :class:`ExportError` if ``proposal_set`` holds a value no export holds.

    Args:
        what: The export, as its errors name it (``"as CSV"``).
        proposal_set: The set to export.

    Raises:
        ExportError: A value is of the wrong type, out of range or not UTF-8;
            the message names the format, the first such value (its JSON path,
            the problem and its code) and how many there are.
    """
    s = cast("ProposalSet", proposal_set)  # any object: the check says what it is
    if peek(s, VALUES_CHECKED):
        return
    run = _Values()
    structure(run, type(s), checkable(s))
    count = len(run.problems) + run.omitted
    if not count:
        index_of(s).get(VALUES_CHECKED, lambda: True)
        return
    first = run.problems[0]  # every reporter it keeps is of a value (REFUSED)
    shown = f"{first.path}: {clip(first.message, 200)} [{first.code}]"
    held = (
        "1 value that no export can hold"
        if count == 1
        else f"{count} values that no export can hold, the first"
    )
    raise ExportError(
        f"cannot export {what}: the set holds {held}: {shown}; "
        "validate() reports every problem of the set"
    )
