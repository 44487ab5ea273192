"""A compiled plan's response paths (api.core.plan_paths) are made only when read, and are
then the paths graphql-core makes: a field's key, then each list item's index."""

from __future__ import annotations

from graphql.pyutils import Path

from api.core.plan_paths import Paths


def _lazy(paths: list[Path | None], made: list[int]) -> Paths:
    def make() -> list[Path | None]:
        made.append(1)
        return list(paths)

    return Paths(len(paths), make)


def test_nothing_is_made_until_a_path_is_read_and_then_only_once() -> None:
    # Given the paths of two tickets, below which a field and its list items are keyed
    made: list[int] = []
    tickets = _lazy([Path(None, 0, None), Path(None, 1, None)], made)
    messages = tickets.keyed("messages", "Ticket").items([(0, 2), (1, 1)])

    # When nothing reads them, nothing is made; their sizes are known
    assert (len(messages), made) == (3, [])

    # Then the first read makes them all, as graphql-core makes them, and keeps them
    assert [path.as_list() for path in messages if path is not None] == [
        [0, "messages", 0],
        [0, "messages", 1],
        [1, "messages", 0],
    ]
    assert messages[2] is messages[2]
    assert made == [1]


def test_picked_paths_keep_their_order_and_all_of_them_are_the_same_paths() -> None:
    paths = Paths.of([Path(None, "a", None), None, Path(None, "c", None)])

    assert paths.picked([0, 1, 2]) is paths
    assert [path.key if path else None for path in paths.picked([0, 2])] == ["a", "c"]
    # An absent parent (the root's) keeps its items without a path
    assert list(paths.items([(1, 2)])) == [None, None]


def test_one_path_read_alone_is_made_alone_and_equals_its_place_in_the_list() -> None:
    # Given two tickets' messages, keyed, three of them picked, each with two attachments
    made: list[int] = []
    tickets = _lazy([Path(None, 0, None), None, Path(None, 2, None)], made)
    messages = tickets.keyed("messages", "Ticket").items([(0, 2), (1, 1), (2, 3)])
    picked = messages.picked([0, 2, 3, 5])
    attachments = picked.keyed("attachments", "Message").items([(1, 2), (3, 1)])

    # When each is read alone, by position from either end
    alone = [
        [path.as_list() if path is not None else None for path in (layer[i], layer[i - len(layer)])]
        for layer in (messages, picked, attachments)
        for i in range(len(layer))
    ]

    # Then it is its place in the lists made whole, which are made only for the first read
    assert made == [1]  # the tickets' own list: the parents the single paths start from
    whole = [
        [path.as_list() if path is not None else None] * 2
        for layer in (messages, picked, attachments)
        for path in layer
    ]
    assert alone == whole
    assert whole[-1] == [[2, "messages", 2, "attachments", 0]] * 2
    for layer in (messages, picked, attachments):
        for outside in (len(layer), -len(layer) - 1):
            try:
                layer[outside]
            except IndexError:
                continue
            raise AssertionError(f"{outside} of {len(layer)} gave a path")
