"""Reads a generated DAG file with ast and prints its values as JSON, for Genie.Core.Tests.

Usage: dag_values.py DAG_FILE CONTEXT_JSON

Output: {"jinja": bool, "dag": {keyword: value}, "tasks": {task_id: {"operator": name,
"keywords": {keyword: value}, "expand": {keyword: value}, "rendered": {keyword: value},
"upstream": [task_id, ...]}}, "order": [task_id, ...]}; "order" is the order of definition.

Values are what ast.literal_eval gives; calls (timedelta, Secret, Param, k8s models) become
{"call": dotted name, "args": [...], "kwargs": {...}}. When jinja2 can be imported, "rendered" holds the
templated keywords rendered the way Airflow renders them (strings anywhere inside lists and dict values,
dict keys untouched), with CONTEXT_JSON's params, run_id, try_number and map_index, and then, for the
container command, args and env values, expanded the way the kubelet expands $(VAR) and $$.
"""

import ast
import json
import sys
import types

TEMPLATED = {
    "KubernetesPodOperator": {"image", "name", "cmds", "arguments", "env_vars", "labels", "annotations",
                              "namespace", "container_resources", "node_selector", "kubernetes_conn_id"},
    "TriggerDagRunOperator": {"trigger_dag_id", "trigger_run_id", "conf", "logical_date", "wait_for_completion"},
    "ShortCircuitOperator": {"op_args", "op_kwargs", "templates_dict"},
    "EmptyOperator": set(),
}
CONTAINER = {"cmds", "arguments", "env_vars"}

try:
    import jinja2
    import jinja2.sandbox
except ImportError:
    jinja2 = None


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return dotted(node.value) + "." + node.attr
    raise ValueError(f"unexpected callee {ast.dump(node)}")


def value(node):
    if isinstance(node, ast.Call):
        return {"call": dotted(node.func), "args": [value(a) for a in node.args],
                "kwargs": {k.arg: value(k.value) for k in node.keywords}}
    if isinstance(node, ast.Name) or isinstance(node, ast.Attribute):
        return {"name": dotted(node)}
    if isinstance(node, ast.List):
        return [value(e) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {ast.literal_eval(k): value(v) for k, v in zip(node.keys, node.values)}
    return ast.literal_eval(node)


def render(item, environment, context):
    if isinstance(item, str):
        return environment.from_string(item).render(**context)
    if isinstance(item, list):
        return [render(e, environment, context) for e in item]
    if isinstance(item, dict) and "call" in item:
        return {**item, "kwargs": {k: render(v, environment, context) for k, v in item["kwargs"].items()}}
    if isinstance(item, dict):
        return {k: render(v, environment, context) for k, v in item.items()}
    return item


def kubelet_expand(text, env):
    """Kubernetes' $(VAR) expansion (k8s.io/kubernetes third_party/forked/golang/expansion)."""
    out, cursor, checkpoint = [], 0, 0
    while cursor < len(text):
        if text[cursor] == "$" and cursor + 1 < len(text):
            out.append(text[checkpoint:cursor])
            rest = text[cursor + 1:]
            if rest[0] == "$":
                out.append("$")
                advance = 1
            elif rest[0] == "(":
                close = rest.find(")", 1)
                if close >= 0:
                    name = rest[1:close]
                    out.append(env.get(name, "$(" + name + ")"))
                    advance = close + 1
                else:
                    out.append("$(")
                    advance = 1
            else:
                out.append("$" + rest[0])
                advance = 1
            cursor += advance
            checkpoint = cursor + 1
        cursor += 1
    out.append(text[checkpoint:])
    return "".join(out)


def expand_container(rendered):
    env = rendered.get("env_vars", {})
    expanded_env = {}
    for name, text in env.items():
        expanded_env[name] = kubelet_expand(text, expanded_env)
    result = dict(rendered)
    if "env_vars" in rendered:
        result["env_vars"] = expanded_env
    for key in ("cmds", "arguments"):
        if key in rendered:
            result[key] = [kubelet_expand(t, expanded_env) for t in rendered[key]]
    return result


def add_dependencies(expression, task_ids, tasks):
    """Records `a >> b` and `[a, b] >> c` (chains included) as upstream lists."""
    if not isinstance(expression, ast.BinOp):
        return []
    left = add_dependencies(expression.left, task_ids, tasks) if isinstance(expression.left, ast.BinOp) \
        else [e.id for e in expression.left.elts] if isinstance(expression.left, ast.List) else [expression.left.id]
    right = [expression.right.id]
    for downstream in right:
        tasks[task_ids[downstream]]["upstream"].extend(task_ids[u] for u in left)
    return right


def main(path, context_path):
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    with open(context_path, encoding="utf-8") as handle:
        given = json.load(handle)
    environment = None
    if jinja2 is not None:
        environment = jinja2.sandbox.SandboxedEnvironment(
            undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"], cache_size=0)
    result = {"jinja": environment is not None, "dag": {}, "tasks": {}, "order": []}
    task_ids = {}
    block = next(s for s in tree.body if isinstance(s, ast.With))
    result["dag"] = {k.arg: value(k.value) for k in block.items[0].context_expr.keywords}
    for statement in block.body:
        if isinstance(statement, ast.Expr):
            add_dependencies(statement.value, task_ids, result["tasks"])
            continue
        call = statement.value
        expand = {}
        if isinstance(call.func, ast.Attribute) and call.func.attr == "expand":
            expand = {k.arg: value(k.value) for k in call.keywords}
            call = call.func.value
            operator = dotted(call.func).split(".")[0]
        else:
            operator = dotted(call.func)
        keywords = {k.arg: value(k.value) for k in call.keywords}
        task = {"operator": operator, "keywords": keywords, "expand": expand, "rendered": {}, "upstream": []}
        task_ids[statement.targets[0].id] = keywords["task_id"]
        result["order"].append(keywords["task_id"])
        if environment is not None:
            context = {
                "params": given["params"],
                "run_id": given["run_id"],
                "ti": types.SimpleNamespace(try_number=given["try_number"], map_index=given["map_index"]),
            }
            templated = {k: v for k, v in keywords.items() if k in TEMPLATED[operator]}
            rendered = render(templated, environment, context)
            task["rendered"] = expand_container(rendered) if operator == "KubernetesPodOperator" else rendered
        result["tasks"][keywords["task_id"]] = task
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
