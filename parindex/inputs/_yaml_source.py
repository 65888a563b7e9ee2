"""Read YAML while remembering the line of every value.

PyYAML's ``safe_load`` forgets where things were, and silently keeps the last of two equal keys.
Staff correct criteria sets by hand, so every problem must point at a line, and a duplicated key
(a copy-paste slip) must be reported, not swallowed. This module composes the node tree with the
safe loader and builds plain Python values plus a map from path to line and raw text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from parindex.errors import Problem

Path = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain data plus where each path came from."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def format_path(path: Path) -> str:
    """``("fields", 0, "max")`` → ``fields[0].max``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# libyaml's parser when PyYAML was built with it: the same nodes and line marks, many times faster (reading a
# criteria set was most of a short command's own time)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, filename: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``text``; on a syntax error return ``None`` and one problem with its line."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = exc.problem or str(exc)
        return None, [Problem("yaml_syntax", {"detail": detail}, file=filename, line=line)]
    except yaml.YAMLError as exc:
        return None, [Problem("yaml_syntax", {"detail": str(exc)}, file=filename)]
    except RecursionError:
        return None, [Problem("yaml_syntax", {"detail": "nesting too deep"}, file=filename)]
    document = YamlDocument(data=None)
    problems: list[Problem] = []
    if node is None:
        return document, problems
    constructor = yaml.constructor.SafeConstructor()
    try:
        document.data = _convert(node, (), document, problems, constructor, filename, set())
    except RecursionError:
        return None, [Problem("yaml_syntax", {"detail": "nesting too deep"}, file=filename)]
    return document, problems


def _convert(node, path, document, problems, constructor, filename, seen: set[int]):
    """Plain values for ``node``; a node met twice is an alias (``*name``), refused.

    Aliases let a few hundred bytes expand into an enormous tree ("billion laughs"); criteria sets
    never need them, so they are reported instead of expanded.
    """
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:
            problems.append(Problem("yaml_alias", file=filename, line=node.start_mark.line + 1, path=format_path(path)))
            return None
        seen.add(id(node))
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                problems.append(
                    Problem(
                        "duplicate_key",
                        {"key": key},
                        file=filename,
                        line=key_node.start_mark.line + 1,
                        path=format_path(path + (key,)),
                    )
                )
                continue
            result[key] = _convert(value_node, path + (key,), document, problems, constructor, filename, seen)
            document.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, path + (index,), document, problems, constructor, filename, seen)
            for index, item in enumerate(node.value)
        ]
    document.raw[path] = node.value
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        problems.append(
            Problem("yaml_syntax", {"detail": exc.problem or str(exc)}, file=filename, line=node.start_mark.line + 1)
        )
        return None
