"""Unit tests of airflow/tools/check_dag.py, the ast checker of generated DAG files."""

import contextlib
import importlib.util
import io
import os
import tempfile
import unittest

_TOOL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools", "check_dag.py")
_SPEC = importlib.util.spec_from_file_location("check_dag", _TOOL)
check_dag = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check_dag)

# The shape Genie generates, small.
VALID = '''# generated
from datetime import datetime, timedelta, timezone
from operator import truth

from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.sdk import DAG, Param
from kubernetes.client import models as k8s

with DAG(
    dag_id="genie__ns__job",
    schedule=None,
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    dagrun_timeout=timedelta(hours=2),
    tags=["genie"],
    params={"p": Param("x", type="string", enum=["x", "y"])},
) as dag:
    task_a = KubernetesPodOperator(
        task_id="a",
        image="busybox",
        cmds=["echo", "{{ params['p'] | replace('$', '$$') }}", "{{ '{' }}not a template}}"],
        env_vars={"GENIE_RUN_ID": "{{ run_id }}", "N": "-1"},
        secrets=[Secret("env", "PW", "db", "password")],
        container_resources=k8s.V1ResourceRequirements(requests={"cpu": "1"}),
        tolerations=[k8s.V1Toleration(operator="Exists")],
        skip_on_exit_code=[3],
        retries=2,
        retry_delay=timedelta(seconds=10),
        priority_weight=-5,
        trigger_rule="none_failed",
    )
    when_b = ShortCircuitOperator(
        task_id="b__when",
        python_callable=truth,
        op_args=["{{ 'run' if (params['p'] == 'x') and (params['p'] is not none and (params['p'] | int) in [1, -2]) else '' }}"],
        ignore_downstream_trigger_rules=False,
    )
    task_b = KubernetesPodOperator.partial(
        task_id="b",
        image="busybox",
        env_vars={"GENIE_REPLICA_INDEX": "{{ ti.map_index }}"},
    ).expand(name=["b-0", "b-1"])
    task_c = TriggerDagRunOperator(
        task_id="c",
        trigger_dag_id="genie__ns__other",
        trigger_run_id="{{ run_id }}__c__{{ ti.try_number }}",
        conf={"d": "{{ (params['p'] if params['p'] is not none else '') }}"},
        logical_date=None,
    )
    outcome = EmptyOperator(task_id="genie__outcome", trigger_rule="none_failed")

    task_a >> when_b
    when_b >> task_b
    [task_a, task_b, task_c] >> outcome
'''


def violations(source):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as handle:
        handle.write(source)
    try:
        return check_dag.check_file(handle.name)
    finally:
        os.unlink(handle.name)


class ValidFileTest(unittest.TestCase):
    def test_the_generated_shape_passes(self):
        self.assertEqual(violations(VALID), [])

    def test_main_prints_ok_and_exits_zero(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "dag.py")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(VALID)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                self.assertEqual(check_dag.main([path]), 0)
            self.assertIn("ok", out.getvalue())

    def test_main_exits_one_with_a_line_per_violation(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "dag.py")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(VALID.replace('trigger_rule="none_failed",\n    )', 'trigger_rule="sometimes",\n        pool_size=3,\n    )'))
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                self.assertEqual(check_dag.main([path]), 1)
            lines = out.getvalue().splitlines()
            self.assertEqual(len(lines), 2, lines)
            self.assertTrue(all(line.startswith(path + ":") for line in lines))

    def test_main_needs_files(self):
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(check_dag.main([]), 2)


class ViolationTest(unittest.TestCase):
    def assert_violation(self, old, new, fragment):
        self.assertIn(old, VALID)
        found = violations(VALID.replace(old, new, 1))
        self.assertTrue(any(fragment in v for v in found), f"expected `{fragment}` in {found}")

    def test_imports_outside_the_list(self):
        self.assert_violation("from operator import truth", "from os import system", "import not allowed")
        self.assert_violation("from operator import truth", "import os", "unexpected top-level statement Import")
        self.assert_violation("from kubernetes.client import models as k8s", "from kubernetes.client import models as m",
                              "import not allowed")

    def test_statements_outside_the_shape(self):
        self.assert_violation("# generated\n", "print('hi')\n", "unexpected top-level statement Expr")
        self.assert_violation("    task_a >> when_b\n", "    import os\n", "unexpected statement Import")
        self.assert_violation("    task_a >> when_b\n", "    task_a << when_b\n", "only `>>`")
        self.assert_violation("    task_a >> when_b\n", "    task_a >> os\n", "only name tasks defined above")
        self.assert_violation(") as dag:", ") as other:", "bound as `dag`")

    def test_keywords_outside_the_reference(self):
        self.assert_violation('        skip_on_exit_code=[3],', '        skip_on_exit_code=[3],\n        sla=1,',
                              "`sla` is not a parameter of KubernetesPodOperator")
        self.assert_violation('    schedule=None,', '    schedule_interval=None,', "`schedule_interval` is not a parameter of DAG")
        self.assert_violation('        logical_date=None,', '        execution_date=None,', "`execution_date` is not a parameter")
        self.assert_violation('task_id="genie__outcome", trigger_rule', 'task_id="genie__outcome", image="x", trigger_rule',
                              "`image` is not a parameter of EmptyOperator")
        self.assert_violation('        retries=2,', '        **{"retries": 2},', "** arguments are not allowed")

    def test_values_must_be_literals(self):
        self.assert_violation('image="busybox",\n        cmds', 'image=IMAGE,\n        cmds', "only literals are allowed")
        self.assert_violation('"N": "-1"', '"N": f"{dag}"', "only literals are allowed")
        self.assert_violation('"N": "-1"', '"N": __import__("os").getenv("X")', "only literals are allowed")
        self.assert_violation('retries=2,', 'retries=(lambda: 2)(),', "only literals are allowed")
        self.assert_violation('"N": "-1"', '"N": b"x"', "bytes literals are not allowed")
        self.assert_violation('retry_delay=timedelta(seconds=10)', 'retry_delay=timedelta(seconds=SECONDS)', "whole numbers")
        self.assert_violation('python_callable=truth', 'python_callable=print', "may only be operator.truth")
        self.assert_violation('Secret("env", "PW", "db", "password")', 'Secret("volume", "/x", "db")', "Secret(\"env\"")

    def test_rules_and_ids(self):
        self.assert_violation('trigger_rule="none_failed",\n    )', 'trigger_rule="sometimes",\n    )', "trigger_rule `sometimes`")
        self.assert_violation('task_id="a"', 'task_id="a b"', "task_id must be")
        self.assert_violation('task_id="a"', 'task_id="b"', "task_id `b` is used twice")
        self.assert_violation('dag_id="genie__ns__job"', 'dag_id="' + "x" * 251 + '"', "dag_id must be")
        self.assert_violation('trigger_dag_id="genie__ns__other"', 'trigger_dag_id="a/b"', "trigger_dag_id must be")
        self.assert_violation('tags=["genie"]', 'tags=["' + "t" * 101 + '"]', "at most 100 characters")

    def test_mapping(self):
        self.assert_violation('.expand(name=["b-0", "b-1"])', '.expand(image=["x"])', "given to both partial and expand")
        self.assert_violation('.expand(name=["b-0", "b-1"])', '.expand(name="b")', "must be a list literal")
        self.assert_violation('.expand(name=["b-0", "b-1"])', '.expand(task_id=["x"])', "`task_id` is not a parameter")

    def test_templates_must_be_genies(self):
        self.assert_violation('"{{ run_id }}"', '"{{ dag_run.conf }}"', "is not one Genie writes")
        self.assert_violation('"{{ run_id }}"', '"{% if true %}x{% endif %}"', "is not one of Genie's Jinja expressions")
        self.assert_violation('"{{ run_id }}"', '"{# hidden #}"', "is not one of Genie's Jinja expressions")
        self.assert_violation('"{{ run_id }}"', '"{{run_id}}"', "is not one of Genie's Jinja expressions")
        self.assert_violation('"{{ run_id }}"', '"{{ run_id"', "unterminated")
        self.assert_violation("(params['p'] == 'x')", "(params['p'] == 'x' or ''.__class__)", "is not one Genie writes")
        self.assert_violation("(params['p'] == 'x')", "(params['p'] == 'x{')", "is not one Genie writes")

    def test_templates_are_only_checked_where_airflow_renders(self):
        source = VALID.replace('schedule=None,', 'schedule=None,\n    description="{{ not rendered }}",')
        self.assertEqual(violations(source), [])

    def test_syntax_errors_are_reported(self):
        found = violations("with DAG(:\n")
        self.assertEqual(len(found), 1)
        self.assertIn("syntax error", found[0])


if __name__ == "__main__":
    unittest.main()
