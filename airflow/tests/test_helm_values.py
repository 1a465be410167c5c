"""airflow/helm-values.yaml, the values for the official Airflow chart: yamllint accepts it, and what it sets agrees with
the image (airflow/Dockerfile), the listener plugin's settings and the DAG bundle Genie publishes to."""

import json
import os
import re
import shutil
import subprocess
import unittest

AIRFLOW = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALUES = os.path.join(AIRFLOW, "helm-values.yaml")
DOCKERFILE = os.path.join(AIRFLOW, "Dockerfile")
PLUGIN = os.path.join(AIRFLOW, "plugins", "genie_listener.py")
YAMLLINT_CONFIG = "{extends: default, rules: {line-length: {max: 120}}}"
BUNDLE_VARIABLE = "AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST"
S3_BUNDLE = "airflow.providers.amazon.aws.bundles.s3.S3DagBundle"
# What a secret may never be given as a literal value in the file.
SECRET_VARIABLES = {"GENIE_AIRFLOW_TOKEN", "GENIE_AIRFLOW_PASSWORD", "AIRFLOW_ADMIN_PASSWORD", "AIRFLOW_CONN_AWS_DEFAULT"}


class HelmValuesTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.yamllint = shutil.which("yamllint")

    def require_yamllint(self):
        # A missing tool fails the test: a skipped lint would pass a broken file.
        if self.yamllint is None:
            self.fail("yamllint is missing: run `make yamllint` (Debian's yamllint)")
        return self.yamllint

    def load(self):
        # yamllint's own interpreter has PyYAML (yamllint needs it), so the file is read with the parser that linted it.
        with open(self.require_yamllint(), encoding="utf-8") as script:
            interpreter = script.readline()[2:].strip()
        read = subprocess.run(
            [interpreter, "-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)", VALUES],
            capture_output=True, text=True, timeout=60)
        self.assertEqual(0, read.returncode, read.stderr)
        return json.loads(read.stdout)

    def test_yamllint_accepts_it(self):
        result = subprocess.run([self.require_yamllint(), "--strict", "-d", YAMLLINT_CONFIG, VALUES],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)

    def test_the_image_is_the_one_airflow_dockerfile_builds(self):
        values = self.load()
        with open(DOCKERFILE, encoding="utf-8") as file:
            base = re.search(r"^FROM apache/airflow:(\d+\.\d+\.\d+)-python", file.read(), re.MULTILINE)
        self.assertIsNotNone(base)
        version = base.group(1)
        self.assertEqual(version, values["images"]["airflow"]["tag"])
        self.assertEqual(version, values["airflowVersion"])
        self.assertEqual(version, values["defaultAirflowTag"])

    def test_the_dag_processor_and_the_workers_read_the_same_bundles_with_genies_s3_bundle(self):
        values = self.load()
        lists = {}
        for component in ("dagProcessor", "workers"):
            entries = [e for e in values[component]["env"] if e["name"] == BUNDLE_VARIABLE]
            self.assertEqual(1, len(entries), component)
            lists[component] = entries[0]["value"]
        self.assertEqual(lists["dagProcessor"], lists["workers"])
        bundles = {bundle["name"]: bundle for bundle in json.loads(lists["workers"])}
        genie = bundles["genie"]
        self.assertEqual(S3_BUNDLE, genie["classpath"])
        self.assertEqual({"bucket_name", "prefix", "aws_conn_id", "refresh_interval"}, set(genie["kwargs"]))
        self.assertTrue(genie["kwargs"]["prefix"].endswith("/"))
        self.assertLessEqual(genie["kwargs"]["refresh_interval"], 30)
        # The chart's own dags folder stays a bundle beside Genie's.
        self.assertIn("dags-folder", bundles)

    def test_every_setting_of_the_listener_plugin_reaches_every_airflow_container(self):
        values = self.load()
        with open(PLUGIN, encoding="utf-8") as file:
            settings = set(re.findall(r'environ\.get\("([A-Z_]+)"', file.read()))
        self.assertEqual({"GENIE_URL", "GENIE_AIRFLOW_TOKEN", "GENIE_AIRFLOW_TIMEOUT"}, settings)
        # `env` and `secret` at the top level go into every Airflow container the chart runs.
        given = {e["name"] for e in values["env"]} | {s["envName"] for s in values["secret"]}
        self.assertLessEqual(settings, given)
        self.assertIn("GENIE_AIRFLOW_TOKEN", {s["envName"] for s in values["secret"]})

    def test_genies_airflow_user_is_created_with_a_role_that_may_drive_runs_and_passwords_come_from_secrets(self):
        job = self.load()["createUserJob"]
        script = job["args"][-1]
        self.assertRegex(script, r'airflow users create -r (Op|Admin) -u genie\b')
        self.assertIn('-p "$GENIE_AIRFLOW_PASSWORD"', script)
        for name in ("GENIE_AIRFLOW_PASSWORD", "AIRFLOW_ADMIN_PASSWORD"):
            password = next(e for e in job["env"] if e["name"] == name)
            self.assertEqual({"secretKeyRef"}, set(password["valueFrom"]), name)
        self.assertIn('-p "$AIRFLOW_ADMIN_PASSWORD"', script)

    def test_no_secret_is_written_in_the_file(self):
        values = self.load()
        envs = values["env"] + values["createUserJob"]["env"] + values["dagProcessor"]["env"] + values["workers"]["env"]
        for entry in envs:
            if entry["name"] in SECRET_VARIABLES:
                self.assertNotIn("value", entry, entry["name"])


if __name__ == "__main__":
    unittest.main()
