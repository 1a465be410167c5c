"""Renders templates with Jinja the way Airflow renders templated fields, for Genie.Core.Tests.

Usage: jinja_render.py CASES_JSON
CASES_JSON holds [{"template": str, "params": {...}, "container": bool}, ...]. Prints
{"jinja": false} when jinja2 cannot be imported, otherwise {"jinja": true, "results": [...]} with, for
each case, the code points of the rendered text (after the kubelet's $(VAR) expansion for container
text), or {"error": message}.
"""

import json
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dag_values import kubelet_expand  # noqa: E402

try:
    import jinja2
    import jinja2.sandbox
except ImportError:
    print(json.dumps({"jinja": False}))
    sys.exit(0)


def main(path):
    with open(path, encoding="utf-8") as handle:
        cases = json.load(handle)
    environment = jinja2.sandbox.SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"], cache_size=0)
    results = []
    for case in cases:
        try:
            text = environment.from_string(case["template"]).render(
                params=case["params"], run_id="run-1", ti=types.SimpleNamespace(try_number=1, map_index=0))
            if case["container"]:
                text = kubelet_expand(text, {})
            results.append({"points": [ord(c) for c in text]})
        except Exception as error:  # the test shows which template failed and why
            results.append({"error": f"{type(error).__name__}: {error}"})
    print(json.dumps({"jinja": True, "results": results}))


if __name__ == "__main__":
    main(sys.argv[1])
