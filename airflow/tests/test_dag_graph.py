"""Unit tests of airflow/tools/dag_graph.py, which reads the task graph of a generated DAG file."""

import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import unittest

_TOOLS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools")
sys.path.insert(0, _TOOLS)
_SPEC = importlib.util.spec_from_file_location("dag_graph", os.path.join(_TOOLS, "dag_graph.py"))
dag_graph = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(dag_graph)

# Every shape the compiler writes: a pod task with retries, skip codes and secrets, a mapped task with secrets, a gate, a
# child-job trigger with and without wait, an optional barrier and the outcome task.
DAG = '''from datetime import datetime, timedelta, timezone
from operator import truth

from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.sdk import DAG, Param

with DAG(
    dag_id="genie__ns__job",
    schedule=None,
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    params={
        "region": Param("eu", type="string", enum=["eu", "us"]),
        "day": Param(type="string"),
        "note": Param(None, type=["null", "string"]),
    },
) as dag:
    task_a = KubernetesPodOperator(
        task_id="a",
        image="busybox",
        cmds=["true"],
        secrets=[Secret("env", "DB_PASSWORD", "genie-ns.db-creds", "password")],
        skip_on_exit_code=[3, 4],
        retries=2,
        retry_delay=timedelta(seconds=1),
        trigger_rule="none_failed",
    )
    task_b = KubernetesPodOperator.partial(
        task_id="b",
        image="busybox",
        secrets=[
            Secret("env", "DB_PASSWORD", "genie-ns.db-creds", "password"),
            Secret("env", "TOKEN", "genie-ns-x-3f2a9b1c0d4e", "token"),
        ],
        trigger_rule="none_failed",
    ).expand(name=["b-0", "b-1", "b-2"])
    when_c = ShortCircuitOperator(
        task_id="c__when",
        python_callable=truth,
        op_args=["{{ 'run' if (params['region'] == 'eu') else '' }}"],
        ignore_downstream_trigger_rules=False,
        trigger_rule="one_failed",
    )
    task_c = TriggerDagRunOperator(
        task_id="c",
        trigger_dag_id="genie__ns__child",
        trigger_run_id="{{ run_id }}__c__{{ ti.try_number }}",
        conf={"day": "{{ params['day'] }}", "brace": "{{ '{' }}x}"},
        logical_date=None,
        wait_for_completion=True,
    )
    task_d = TriggerDagRunOperator(
        task_id="d",
        trigger_dag_id="genie__ns__other",
        trigger_run_id="{{ run_id }}__d__{{ ti.try_number }}",
        logical_date=None,
        trigger_rule="all_done",
    )
    optional_d = EmptyOperator(
        task_id="d__optional",
        trigger_rule="all_done",
    )
    outcome = EmptyOperator(
        task_id="genie__outcome",
        trigger_rule="none_failed",
    )

    task_a >> task_b
    [task_a, task_b] >> when_c
    when_c >> task_c >> task_d
    task_d >> optional_d
    [task_a, task_b, task_c, optional_d] >> outcome
'''


class DagGraphTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def write(self, source: str) -> str:
        path = os.path.join(self.folder.name, "genie__ns__job.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(source)
        return path

    def run_tool(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = dag_graph.main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def graph(self, *extra: str) -> dict:
        code, out, err = self.run_tool(self.write(DAG), *extra)
        self.assertEqual(code, 0, err)
        return json.loads(out)

    def tasks(self, *extra: str) -> dict:
        return {task["task_id"]: task for task in self.graph(*extra)["tasks"]}

    def test_tasks_come_in_file_order_with_their_direct_upstreams(self):
        graph = self.graph()
        self.assertEqual(graph["dag_id"], "genie__ns__job")
        self.assertEqual([t["task_id"] for t in graph["tasks"]],
                         ["a", "b", "c__when", "c", "d", "d__optional", "genie__outcome"])
        tasks = {t["task_id"]: t["upstream"] for t in graph["tasks"]}
        self.assertEqual(tasks["a"], [])
        self.assertEqual(tasks["b"], ["a"])
        self.assertEqual(tasks["c__when"], ["a", "b"])
        self.assertEqual(tasks["c"], ["c__when"])
        self.assertEqual(tasks["d"], ["c"])
        self.assertEqual(tasks["genie__outcome"], ["a", "b", "c", "d__optional"])

    def test_trigger_rules_retries_and_skip_codes_are_read_with_airflows_defaults(self):
        tasks = self.tasks()
        self.assertEqual((tasks["a"]["trigger_rule"], tasks["a"]["retries"], tasks["a"]["skip_on_exit_code"]),
                         ("none_failed", 2, [3, 4]))
        self.assertEqual((tasks["c"]["trigger_rule"], tasks["c"]["retries"], tasks["c"]["skip_on_exit_code"]),
                         ("all_success", 0, []))
        self.assertEqual(tasks["c__when"]["trigger_rule"], "one_failed")

    def test_a_mapped_task_has_one_instance_per_expanded_value(self):
        tasks = self.tasks()
        self.assertEqual(tasks["b"]["map_count"], 3)
        self.assertIsNone(tasks["a"]["map_count"])

    def test_gates_and_triggers_are_described(self):
        tasks = self.tasks()
        self.assertEqual(tasks["c__when"]["operator"], "ShortCircuitOperator")
        self.assertEqual(tasks["c__when"]["gate"], "{{ 'run' if (params['region'] == 'eu') else '' }}")
        self.assertEqual(tasks["c"]["trigger"], {
            "dag_id": "genie__ns__child", "run_id": "{{ run_id }}__c__{{ ti.try_number }}",
            "conf": {"day": "{{ params['day'] }}", "brace": "{{ '{' }}x}"}, "wait": True})
        self.assertEqual(tasks["d"]["trigger"]["wait"], False)
        self.assertEqual(tasks["d"]["trigger"]["conf"], {})
        self.assertNotIn("gate_open", tasks["c__when"])

    def test_params_default_to_their_param_value_or_null(self):
        self.assertEqual(self.graph()["params"], {"region": "eu", "day": None, "note": None})

    def test_conf_over_the_defaults_decides_gates_and_renders_triggers(self):
        opened = self.tasks("--conf", json.dumps({"day": "2024-05-01"}))
        self.assertTrue(opened["c__when"]["gate_open"])
        self.assertEqual(opened["c"]["trigger"]["run_id"], "{run_id}__c__{try_number}")
        self.assertEqual(opened["c"]["trigger"]["conf"], {"day": "2024-05-01", "brace": "{x}"})
        closed = self.tasks("--conf", json.dumps({"region": "us", "day": "d"}))
        self.assertFalse(closed["c__when"]["gate_open"])

    def test_a_template_that_does_not_render_fails(self):
        code, _, err = self.run_tool(self.write(DAG.replace("params['day']", "params['nope']")), "--conf", "{}")
        self.assertEqual(code, 1)
        self.assertIn("cannot render", err)

    def test_a_file_check_dag_refuses_is_refused(self):
        code, out, err = self.run_tool(self.write(DAG.replace("trigger_rule=\"one_failed\"", "trigger_rule=\"sometimes\"")))
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        self.assertIn("trigger_rule", err)

    def test_bad_usage_exits_2(self):
        code, _, err = self.run_tool()
        self.assertEqual(code, 2)
        self.assertIn("usage", err)


if __name__ == "__main__":
    unittest.main()
