"""The response paths of a compiled plan's objects, made only when something reads them.

graphql-core makes a Path for every field of every object and every item of every list.
A compiled plan needs one only for a resolver's info (info.path) or its own errors; the
plain attributes that make most of a page need none. So a walk passes its objects' paths as
`Paths`: a sequence that builds its Path values the first time one of them is read (then
keeps them), from its parents' paths. On a page of 50 tickets, or a ticket with 50 messages,
no Path is made for what is only read from columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import overload

from graphql.pyutils import Path

MaybePath = Path | None


class Paths(Sequence[MaybePath]):
    """Paths made on first read by `make` (which returns `size` of them); one read alone
    (the first object's, for a resolver's info) is made alone by `one`, with its parents'."""

    __slots__ = ("_made", "_make", "_one", "_size")

    def __init__(
        self,
        size: int,
        make: Callable[[], list[MaybePath]],
        one: Callable[[int], MaybePath] | None = None,
    ) -> None:
        self._size = size
        self._make: Callable[[], list[MaybePath]] | None = make
        self._one = one
        self._made: list[MaybePath] | None = None

    @classmethod
    def of(cls, paths: list[MaybePath]) -> Paths:
        made = cls(len(paths), list)
        made._made, made._make = paths, None
        return made

    def _list(self) -> list[MaybePath]:
        made = self._made
        if made is None:
            assert self._make is not None
            made = self._made = self._make()
            self._make = None
            assert len(made) == self._size, (len(made), self._size)
        return made

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> MaybePath: ...

    @overload
    def __getitem__(self, index: slice) -> list[MaybePath]: ...

    def __getitem__(self, index: int | slice) -> MaybePath | list[MaybePath]:
        if self._made is None and self._one is not None and isinstance(index, int):
            if not -self._size <= index < self._size:
                raise IndexError(index)
            return self._one(index % self._size)
        return self._list()[index]

    def __iter__(self) -> Iterator[MaybePath]:
        return iter(self._list())

    def keyed(self, key: str, type_name: str) -> Paths:
        """Each path with a field's response key (graphql-core's Path(path, key, type))."""
        return Paths(
            self._size,
            lambda: [Path(path, key, type_name) for path in self],
            lambda index: Path(self[index], key, type_name),
        )

    def picked(self, indices: list[int]) -> Paths:
        """The paths at `indices`, in that order."""
        if len(indices) == self._size:
            return self  # every position, in order (the callers' indices are ascending)
        return Paths(
            len(indices), lambda: [self[index] for index in indices], lambda at: self[indices[at]]
        )

    def items(self, lengths: list[tuple[int, int]]) -> Paths:
        """The paths of list items: for each (position, length), the path at that position
        with each index of its list."""
        size = sum(length for _, length in lengths)

        def make() -> list[MaybePath]:
            made: list[MaybePath] = []
            for position, length in lengths:
                path = self[position]
                made.extend(
                    path.add_key(index, None) if path is not None else None
                    for index in range(length)
                )
            return made

        def one(index: int) -> MaybePath:
            for position, length in lengths:
                if index < length:
                    path = self[position]
                    return path.add_key(index, None) if path is not None else None
                index -= length
            raise IndexError(index)

        return Paths(size, make, one)
