"""Checks Kafka Connect configs against the documented options listed in flink-jobs/connect/README.md.

The README's "Documented options" part has one `### ` section per component: a connector, transform or converter
class in backticks (or "Kafka Connect: every connector", "... every source connector", "... every sink connector"),
a `Kind:` line, a `Source:` line, and the options as `- `name`` bullets. A config property is documented when
it is `transforms.<alias>.<option>` with the option listed under the alias's transform class, `<role>.converter.<option>`
with the option listed under that converter's class, or any other property listed under the connector's class or the
Kafka Connect sections of its kind.

Run as a script with config files as arguments: prints every undocumented property and exits 1 if there is one.
"""

import json
import os
import re
import sys

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "connect", "README.md")

_FRAMEWORK = {
    "Kafka Connect: every connector": "connector",
    "Kafka Connect: every source connector": "source",
    "Kafka Connect: every sink connector": "sink",
}
_CONVERTER_ROLES = ("key.converter", "value.converter", "header.converter")


class Component:
    """One documented component: its kind (source, sink, transform, converter, framework), source line and options."""

    def __init__(self, name):
        self.name = name
        self.kind = None
        self.source = None
        self.options = set()


def documented_components(readme_text):
    """The components of the README's "Documented options" part, by class name (or framework key)."""
    part = readme_text.split("\n## Documented options\n", 1)
    if len(part) != 2:
        raise ValueError("the README has no '## Documented options' part")
    components = {}
    current = None
    for line in part[1].splitlines():
        if line.startswith("## "):
            break
        if line.startswith("### "):
            title = line[4:].strip()
            name = _FRAMEWORK.get(title) or title.strip("`")
            current = components.setdefault(name, Component(name))
        elif current is None:
            continue
        elif line.startswith("Kind: "):
            current.kind = line[len("Kind: "):].rstrip(".")
        elif line.startswith("Source: "):
            current.source = line[len("Source: "):]
        else:
            bullet = re.fullmatch(r"- `([^`]+)`", line.strip())
            if bullet:
                current.options.add(bullet.group(1))
    return components


def undocumented_properties(config, components):
    """The properties of one connector config that no documented component lists, each with the reason."""
    problems = []
    connector_class = config.get("connector.class")
    connector = components.get(connector_class)
    if connector is None or connector.kind not in ("source", "sink"):
        return [f"connector.class: {connector_class!r} is not a documented connector"]
    general = components["connector"].options | components[connector.kind].options | connector.options
    aliases = [alias.strip() for alias in config.get("transforms", "").split(",") if alias.strip()]
    for key in config:
        if key.startswith("transforms."):
            problems += _transform_problem(key, config, aliases, components)
        elif key.startswith(tuple(role + "." for role in _CONVERTER_ROLES)):
            role, _, option = key.partition(".converter.")
            problems += _component_problem(key, config.get(role + ".converter"), "converter", option, components)
        elif key not in general:
            problems.append(f"{key}: not a documented option of {connector_class} or of every {connector.kind} connector")
    for role in _CONVERTER_ROLES:
        if role in config:
            problems += _component_problem(role, config[role], "converter", None, components)
    for alias in aliases:
        if f"transforms.{alias}.type" not in config:
            problems.append(f"transforms: alias {alias!r} has no transforms.{alias}.type")
    return problems


def _transform_problem(key, config, aliases, components):
    parts = key.split(".", 2)
    if len(parts) < 3 or parts[1] not in aliases:
        return [f"{key}: its alias is not listed in transforms"]
    alias, option = parts[1], parts[2]
    transform_class = config.get(f"transforms.{alias}.type")
    return _component_problem(key, transform_class, "transform", None if option == "type" else option, components)


def _component_problem(key, class_name, kind, option, components):
    component = components.get(class_name)
    if component is None or component.kind != kind:
        return [f"{key}: {class_name!r} is not a documented {kind}"]
    if option is not None and option not in component.options:
        return [f"{key}: {option!r} is not a documented option of {class_name}"]
    return []


def main(paths):
    with open(README, encoding="utf-8") as readme:
        components = documented_components(readme.read())
    problems = []
    for path in paths:
        with open(path, encoding="utf-8") as file:
            config = json.load(file)["config"]
        problems += [f"{path}: {problem}" for problem in undocumented_properties(config, components)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
