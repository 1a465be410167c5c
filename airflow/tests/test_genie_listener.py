"""Unit tests of plugins/genie_listener.py, with Airflow replaced by stub modules and Genie by a tiny HTTP server."""

from __future__ import annotations

import enum
import importlib.util
import inspect
import json
import os
import pprint
import socket
import sys
import threading
import time
import types
import unittest
from datetime import datetime, timedelta, timezone, tzinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock

PLUGIN_FILE = Path(__file__).resolve().parent.parent / "plugins" / "genie_listener.py"
TOKEN = "listener-secret"

# The hookspecs of Airflow 3 (shared/reference/airflow/LISTENERS.md §2): pluggy passes arguments by name.
HOOKSPECS = {
    "on_task_instance_running": ["previous_state", "task_instance"],
    "on_task_instance_success": ["previous_state", "task_instance"],
    "on_task_instance_failed": ["previous_state", "task_instance", "error"],
    "on_task_instance_skipped": ["previous_state", "task_instance"],
    "on_dag_run_running": ["dag_run", "msg"],
    "on_dag_run_success": ["dag_run", "msg"],
    "on_dag_run_failed": ["dag_run", "msg"],
}


def stub_hookimpl(function):
    function.stub_hookimpl = True
    return function


class StubAirflowPlugin:
    name: str | None = None
    listeners: list = []


def load_listener_module():
    """Imports the plugin with stub `airflow.*` modules that vanish again afterwards (other tests may stub Airflow too)."""
    airflow = types.ModuleType("airflow")
    airflow.__path__ = []
    listeners = types.ModuleType("airflow.listeners")
    listeners.hookimpl = stub_hookimpl
    plugins_manager = types.ModuleType("airflow.plugins_manager")
    plugins_manager.AirflowPlugin = StubAirflowPlugin
    stubs = {"airflow": airflow, "airflow.listeners": listeners, "airflow.plugins_manager": plugins_manager}
    with mock.patch.dict(sys.modules, stubs):
        spec = importlib.util.spec_from_file_location("genie_listener_under_test", PLUGIN_FILE)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


genie_listener = load_listener_module()


class TaskInstanceState(str, enum.Enum):
    """Like Airflow's: a str enum whose value is the state name."""

    RUNNING = "running"
    FAILED = "failed"
    UP_FOR_RETRY = "up_for_retry"


class RecordingGenie:
    """An HTTP server on 127.0.0.1 that records each request and answers with the next queued status (default 202)."""

    def __init__(self, statuses=(), delay=0.0):
        self.requests = []
        self._statuses = list(statuses)
        self._lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with recorder._lock:
                    recorder.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                    status = recorder._statuses.pop(0) if recorder._statuses else 202
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()

    def bodies(self):
        return [json.loads(r["body"]) for r in self.requests]


def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


STARTED = datetime(2025, 6, 1, 10, 0, 0, tzinfo=timezone.utc)
ENDED = datetime(2025, 6, 1, 10, 5, 30, 123456, tzinfo=timezone.utc)


def task_instance(dag_id="genie__analytics__nightly-etl", state=TaskInstanceState.RUNNING, end_date=None, **overrides):
    fields = dict(
        dag_id=dag_id, run_id="run-0191f3", task_id="transform", map_index=2, try_number=1,
        state=state, start_date=STARTED, end_date=end_date, hostname="worker-7",
    )
    fields.update(overrides)
    return types.SimpleNamespace(**fields)


def dag_run(dag_id="genie__analytics__nightly-etl", end_date=None):
    return types.SimpleNamespace(dag_id=dag_id, run_id="run-0191f3", state="running", start_date=STARTED, end_date=end_date)


class ListenerTestCase(unittest.TestCase):
    def setUp(self):
        self.genie = RecordingGenie()
        self.addCleanup(self.genie.close)
        self.configure(self.genie.url)
        # No real waiting between retries in tests.
        patcher = mock.patch.object(genie_listener, "RETRY_DELAYS_SECONDS", (0, 0))
        patcher.start()
        self.addCleanup(patcher.stop)
        self.listener = genie_listener.GenieListener()

    def configure(self, url, token=TOKEN, **extra):
        environment = {"GENIE_URL": url, "GENIE_AIRFLOW_TOKEN": token, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
        environment.update(extra)
        patcher = mock.patch.dict(os.environ, environment)
        patcher.start()
        self.addCleanup(patcher.stop)


class HookSignatureTests(unittest.TestCase):
    def test_every_hook_has_the_parameter_names_of_its_hookspec(self):
        listener = genie_listener.GenieListener()
        for hook, parameters in HOOKSPECS.items():
            with self.subTest(hook=hook):
                method = getattr(listener, hook)
                self.assertEqual(list(inspect.signature(method).parameters), parameters)
                self.assertTrue(getattr(method, "stub_hookimpl", False), f"{hook} is not marked with hookimpl")

    def test_the_plugin_registers_one_listener(self):
        plugin = genie_listener.GenieListenerPlugin
        self.assertTrue(issubclass(plugin, StubAirflowPlugin))
        self.assertEqual(plugin.name, "genie_listener")
        self.assertEqual(len(plugin.listeners), 1)
        self.assertIsInstance(plugin.listeners[0], genie_listener.GenieListener)


class TaskInstanceHookTests(ListenerTestCase):
    def expected(self, state, end_date=None):
        return {
            "kind": "task_instance", "dag_id": "genie__analytics__nightly-etl", "run_id": "run-0191f3",
            "task_id": "transform", "map_index": 2, "try_number": 1, "state": state,
            "start_date": "2025-06-01T10:00:00+00:00", "end_date": end_date, "hostname": "worker-7", "reason": None,
        }

    def test_running_posts_the_event_with_the_bearer_token(self):
        self.listener.on_task_instance_running(previous_state="queued", task_instance=task_instance())

        [request] = self.genie.requests
        self.assertEqual(request["path"], "/api/v1/airflow/events")
        self.assertEqual(request["headers"]["Authorization"], "Bearer " + TOKEN)
        self.assertEqual(request["headers"]["Content-Type"], "application/json")
        self.assertEqual(json.loads(request["body"]), self.expected("running"))

    def test_success_posts_success_with_the_end_date(self):
        self.listener.on_task_instance_success(previous_state="running", task_instance=task_instance(end_date=ENDED))

        self.assertEqual(self.genie.bodies(), [self.expected("success", "2025-06-01T10:05:30.123456+00:00")])

    def test_skipped_posts_skipped(self):
        self.listener.on_task_instance_skipped(previous_state="running", task_instance=task_instance())

        self.assertEqual(self.genie.bodies(), [self.expected("skipped")])

    def test_failed_posts_failed_for_a_final_failure_with_its_reason(self):
        ti = task_instance(state=TaskInstanceState.FAILED, end_date=ENDED)
        self.listener.on_task_instance_failed(previous_state="running", task_instance=ti, error=RuntimeError("boom"))

        self.assertEqual(self.genie.bodies(), [
            {**self.expected("failed", "2025-06-01T10:05:30.123456+00:00"), "reason": "boom"},
        ])

    def test_a_failed_pod_posts_what_the_pod_says_and_no_part_of_its_spec(self):
        ti = task_instance(state=TaskInstanceState.UP_FOR_RETRY)
        self.listener.on_task_instance_failed(previous_state="running", task_instance=ti, error=pod_failure(oom_killed()))

        body = self.genie.bodies()[0]
        self.assertEqual((body["state"], body["reason"]), ("up_for_retry", "OOMKilled, exit code 137"))
        self.assertNotIn(SECRET_VALUE, self.genie.requests[0]["body"].decode())

    def test_a_reason_that_cannot_be_read_still_sends_the_event(self):
        class Unprintable(Exception):
            def __str__(self):
                raise RuntimeError("no text")

        ti = task_instance(state=TaskInstanceState.FAILED)
        self.listener.on_task_instance_failed(previous_state="running", task_instance=ti, error=Unprintable())

        body = self.genie.bodies()[0]
        self.assertEqual((body["state"], body["reason"]), ("failed", None))

    def test_failed_posts_up_for_retry_when_the_attempt_will_be_retried(self):
        ti = task_instance(state=TaskInstanceState.UP_FOR_RETRY)
        self.listener.on_task_instance_failed(previous_state="running", task_instance=ti, error="exit code 1")

        self.assertEqual(self.genie.bodies()[0]["state"], "up_for_retry")

    def test_failed_posts_failed_when_the_task_instance_has_no_final_state_yet(self):
        ti = task_instance(state=TaskInstanceState.RUNNING)
        self.listener.on_task_instance_failed(previous_state=None, task_instance=ti, error=None)

        self.assertEqual(self.genie.bodies()[0]["state"], "failed")

    def test_unmapped_task_keeps_airflows_map_index_and_empty_hostname_becomes_null(self):
        self.listener.on_task_instance_running(previous_state=None, task_instance=task_instance(map_index=-1, hostname=""))

        body = self.genie.bodies()[0]
        self.assertEqual(body["map_index"], -1)
        self.assertIsNone(body["hostname"])

    def test_dags_not_generated_by_genie_are_ignored(self):
        for dag_id in ("nightly_etl", "genie_single_underscore", "my__genie__dag", None):
            self.listener.on_task_instance_running(previous_state=None, task_instance=task_instance(dag_id=dag_id))
            self.listener.on_task_instance_failed(previous_state=None, task_instance=task_instance(dag_id=dag_id), error=None)

        self.assertEqual(self.genie.requests, [])

    def test_a_task_instance_that_breaks_on_access_is_logged_not_raised(self):
        class Broken:
            dag_id = "genie__a"

            @property
            def run_id(self):
                raise RuntimeError("detached ORM object")

        with self.assertLogs(genie_listener.log, "ERROR"):
            self.listener.on_task_instance_success(previous_state=None, task_instance=Broken())

        self.assertEqual(self.genie.requests, [])


class DagRunHookTests(ListenerTestCase):
    def test_each_dag_run_hook_posts_its_state(self):
        self.listener.on_dag_run_running(dag_run=dag_run(), msg="")
        self.listener.on_dag_run_success(dag_run=dag_run(end_date=ENDED), msg="success")
        self.listener.on_dag_run_failed(dag_run=dag_run(end_date=ENDED), msg="task_failure")

        common = {"kind": "dag_run", "dag_id": "genie__analytics__nightly-etl", "run_id": "run-0191f3",
                  "task_id": None, "map_index": None, "try_number": None,
                  "start_date": "2025-06-01T10:00:00+00:00", "hostname": None, "reason": None}
        self.assertEqual(self.genie.bodies(), [
            {**common, "state": "running", "end_date": None},
            {**common, "state": "success", "end_date": "2025-06-01T10:05:30.123456+00:00"},
            {**common, "state": "failed", "end_date": "2025-06-01T10:05:30.123456+00:00"},
        ])
        for request in self.genie.requests:
            self.assertEqual(request["headers"]["Authorization"], "Bearer " + TOKEN)

    def test_dag_runs_of_other_dags_are_ignored(self):
        self.listener.on_dag_run_success(dag_run=dag_run(dag_id="example_bash_operator"), msg="success")

        self.assertEqual(self.genie.requests, [])


class DeliveryTests(ListenerTestCase):
    def test_a_trailing_slash_in_the_url_is_ignored(self):
        self.configure(self.genie.url + "/")

        self.listener.on_dag_run_running(dag_run=dag_run(), msg="")

        self.assertEqual(self.genie.requests[0]["path"], "/api/v1/airflow/events")

    def test_server_errors_are_retried_until_genie_accepts(self):
        genie = RecordingGenie(statuses=[503, 500])
        self.addCleanup(genie.close)
        self.configure(genie.url)

        self.listener.on_task_instance_running(previous_state=None, task_instance=task_instance())

        self.assertEqual(len(genie.requests), 3)
        self.assertEqual(genie.bodies()[0], genie.bodies()[2])

    def test_a_rejected_event_is_not_retried(self):
        genie = RecordingGenie(statuses=[401])
        self.addCleanup(genie.close)
        self.configure(genie.url)

        with self.assertLogs(genie_listener.log, "WARNING") as logs:
            self.listener.on_task_instance_running(previous_state=None, task_instance=task_instance())

        self.assertEqual(len(genie.requests), 1)
        self.assertIn("HTTP 401", logs.output[0])

    def test_genie_down_is_logged_and_never_raised(self):
        self.configure(closed_port_url())

        with self.assertLogs(genie_listener.log, "WARNING") as logs:
            for hook, arguments in (
                ("on_task_instance_running", dict(previous_state=None, task_instance=task_instance())),
                ("on_task_instance_success", dict(previous_state=None, task_instance=task_instance())),
                ("on_task_instance_failed", dict(previous_state=None, task_instance=task_instance(), error=None)),
                ("on_task_instance_skipped", dict(previous_state=None, task_instance=task_instance())),
                ("on_dag_run_running", dict(dag_run=dag_run(), msg="")),
                ("on_dag_run_success", dict(dag_run=dag_run(), msg="")),
                ("on_dag_run_failed", dict(dag_run=dag_run(), msg="")),
            ):
                self.assertIsNone(getattr(self.listener, hook)(**arguments))

        self.assertEqual(len(logs.output), len(HOOKSPECS))
        self.assertIn("after 3 attempt(s)", logs.output[0])

    def test_a_hanging_genie_costs_one_timeout_per_attempt(self):
        genie = RecordingGenie(delay=2.0)
        self.addCleanup(genie.close)
        self.configure(genie.url, GENIE_AIRFLOW_TIMEOUT="0.2")

        started = time.monotonic()
        with self.assertLogs(genie_listener.log, "WARNING"):
            self.listener.on_dag_run_running(dag_run=dag_run(), msg="")

        self.assertEqual(len(genie.requests), 3)
        self.assertLess(time.monotonic() - started, 1.9)

    def test_without_url_or_token_nothing_is_sent(self):
        for missing in ("GENIE_URL", "GENIE_AIRFLOW_TOKEN"):
            with self.subTest(missing=missing), mock.patch.dict(os.environ, {missing: ""}):
                self.listener.on_task_instance_running(previous_state=None, task_instance=task_instance())

        self.assertEqual(self.genie.requests, [])


SECRET_VALUE = "s3cr3t-db-password"


class TzUtc(tzinfo):
    """Prints like dateutil's tzutc(), the zone of every datetime the kubernetes client reads."""

    def utcoffset(self, moment):
        return timedelta(0)

    def dst(self, moment):
        return timedelta(0)

    def __repr__(self):
        return "tzutc()"


POD_CREATED = datetime(2025, 6, 1, 10, 0, 2, tzinfo=TzUtc())
POD_ENDED = datetime(2025, 6, 1, 10, 5, 29, tzinfo=TzUtc())


def terminated(exit_code, reason, message=None):
    """A V1ContainerStateTerminated as V1Pod.to_dict() gives it."""
    return {"container_id": "containerd://9c1e2f0d4b7a", "exit_code": exit_code, "finished_at": POD_ENDED,
            "message": message, "reason": reason, "signal": None, "started_at": POD_CREATED}


def waiting(reason, message=None):
    return {"message": message, "reason": reason}


def container_status(name="base", terminated_state=None, waiting_state=None):
    return {
        "allocated_resources": None, "container_id": "containerd://9c1e2f0d4b7a",
        "image": "docker.io/library/busybox:1.36",
        "image_id": "docker.io/library/busybox@sha256:7b3ccabffc97de872a30dfd234fd972a66d247c8cfc69b0550f276481852627c",
        "last_state": {"running": None, "terminated": None, "waiting": None}, "name": name, "ready": False,
        "resources": None, "restart_count": 0, "started": False,
        "state": {"running": None, "terminated": terminated_state, "waiting": waiting_state},
        "user": None, "volume_mounts": None,
    }


def printed_pod(statuses, phase="Failed", reason=None, message=None, init_statuses=None, env_value=SECRET_VALUE):
    """A pod as KubernetesPodOperator prints it after "remote_pod: ": pprint of V1Pod.to_dict(), env values included."""
    secret_ref = {"key": "password", "name": "genie-analytics.db", "optional": None}
    labels = {
        "airflow_kpo_in_cluster": "True", "airflow_version": "3.2.0", "dag_id": "genie__analytics__nightly-etl",
        "kubernetes_pod_operator": "True", "task_id": "transform", "try_number": "1",
    }
    base = {
        "args": ["-c", "python /app/transform.py"], "command": ["/bin/sh"],
        "env": [
            {"name": "GENIE_PARAM_DB_PASSWORD", "value": env_value, "value_from": None},
            {"name": "DB_PASSWORD", "value": None, "value_from": {
                "config_map_key_ref": None, "field_ref": None, "resource_field_ref": None, "secret_key_ref": secret_ref}},
        ],
        "image": "busybox:1.36", "name": "base",
        "resources": {"claims": None, "limits": {"memory": "64Mi"}, "requests": {"cpu": "100m", "memory": "64Mi"}},
        "termination_message_path": "/dev/termination-log", "termination_message_policy": "File",
    }
    pod = {
        "api_version": "v1", "kind": "Pod",
        "metadata": {
            "annotations": None, "creation_timestamp": POD_CREATED, "deletion_timestamp": None, "labels": labels,
            "name": "transform-x7k2p9qa", "namespace": "genie-jobs", "uid": "0b8e4a36-1f7c-4f0e-9a61-3c2d5e7f9a10",
        },
        "spec": {"containers": [base], "restart_policy": "Never", "service_account_name": "default"},
        "status": {
            "conditions": [{"last_probe_time": None, "last_transition_time": POD_ENDED, "message": None,
                            "reason": "PodFailed", "status": "False", "type": "Ready"}],
            "container_statuses": statuses, "host_ip": "10.0.3.17", "init_container_statuses": init_statuses,
            "message": message, "phase": phase, "pod_ip": "10.244.1.23", "qos_class": "Burstable", "reason": reason,
            "start_time": POD_CREATED,
        },
    }
    return pprint.pformat(pod)


def pod_failure(printed=None, termination_message=None, name="transform-x7k2p9qa"):
    """What KubernetesPodOperator.cleanup raises for a pod that did not succeed (cncf.kubernetes, operators/pod.py)."""
    lines = [f"Pod {name} returned a failure.", termination_message, None if printed is None else f"remote_pod: {printed}"]
    return Exception("\n".join(line for line in lines if line))


def oom_killed():
    return printed_pod([container_status(terminated_state=terminated(137, "OOMKilled"))])


class FailureReasonTests(unittest.TestCase):
    def reason(self, error):
        reason = genie_listener.failure_reason(error)
        if reason is not None:
            self.assertNotIn(SECRET_VALUE, reason)
            self.assertLessEqual(len(reason), genie_listener.REASON_MAX_CHARS)
        return reason

    def test_an_out_of_memory_kill_is_its_reason_and_exit_code(self):
        self.assertEqual(self.reason(pod_failure(oom_killed())), "OOMKilled, exit code 137")

    def test_a_plain_non_zero_exit_is_its_code_and_termination_message(self):
        message = "could not reach postgres:5432\nretries exhausted"
        printed = printed_pod([container_status(terminated_state=terminated(3, "Error", message))])

        self.assertEqual(self.reason(pod_failure(printed, message)),
                         "exit code 3: could not reach postgres:5432 retries exhausted")

    def test_an_evicted_pod_gives_the_pods_reason_first(self):
        message = ("The node was low on resource: memory. Threshold quantity: 100Mi, available: 20Mi. "
                   "Container base was using 900Mi.")
        printed = printed_pod([container_status(terminated_state=terminated(137, "ContainerStatusUnknown"))],
                              reason="Evicted", message=message)

        self.assertEqual(self.reason(pod_failure(printed)), f"Evicted: {message}; ContainerStatusUnknown, exit code 137")

    def test_an_active_deadline_is_the_pods_reason(self):
        printed = printed_pod([container_status(terminated_state=terminated(137, "Error"))], reason="DeadlineExceeded",
                              message="Pod was active on the node longer than the specified deadline")

        self.assertEqual(self.reason(pod_failure(printed)),
                         "DeadlineExceeded: Pod was active on the node longer than the specified deadline; exit code 137")

    def test_a_container_that_never_started_gives_why_it_waits(self):
        never_started = waiting("CreateContainerConfigError", 'secret "genie-analytics.db" not found')
        printed = printed_pod([container_status(waiting_state=never_started)], phase="Pending")

        self.assertEqual(self.reason(pod_failure(printed)),
                         'CreateContainerConfigError: secret "genie-analytics.db" not found')

    def test_a_failed_init_container_is_named(self):
        init = container_status("fetch-inputs", terminated_state=terminated(2, "Error"))
        base = container_status(waiting_state=waiting("PodInitializing"))
        printed = printed_pod([base], init_statuses=[init], phase="Pending")

        self.assertEqual(self.reason(pod_failure(printed)), "fetch-inputs: exit code 2")

    def test_without_the_pod_dump_the_termination_message_or_the_first_line_is_the_reason(self):
        self.assertEqual(self.reason(pod_failure(termination_message="disk full")), "disk full")
        self.assertEqual(self.reason(pod_failure()), "Pod transform-x7k2p9qa returned a failure.")
        still_running = printed_pod([container_status()])
        self.assertEqual(self.reason(pod_failure(still_running)), "Pod transform-x7k2p9qa returned a failure.")

    def test_a_dump_that_does_not_read_back_still_gives_the_exit(self):
        # An object the client could not turn into a dict, or a cut dump, defeats reading it back; the terminated
        # state is a flat dict all the same.
        class Opaque:
            def __repr__(self):
                return "<kubernetes.client.models.v1_env_var_source.V1EnvVarSource object at 0x7f3a2c1d9e50>"

        printed = printed_pod([container_status(terminated_state=terminated(137, "OOMKilled"))], env_value=Opaque())
        self.assertIsNone(genie_listener.printed_pod(printed))

        self.assertEqual(self.reason(pod_failure(printed)), "OOMKilled, exit code 137")
        self.assertEqual(self.reason(pod_failure(oom_killed()[:-40])), "OOMKilled, exit code 137")

    def test_a_long_termination_message_is_capped(self):
        message = "x" * 1000
        printed = printed_pod([container_status(terminated_state=terminated(1, "Error", message))])

        reason = self.reason(pod_failure(printed, message))

        self.assertEqual(len(reason), genie_listener.REASON_MAX_CHARS)
        self.assertTrue(reason.startswith("exit code 1: xxx"))
        self.assertTrue(reason.endswith("\u2026"))

    def test_other_failures_give_their_first_line(self):
        for error, expected in (
            (Exception("Pod took too long to start. More than 120s. Check the pod events in kubernetes."),
             "Pod took too long to start. More than 120s. Check the pod events in kubernetes."),
            (Exception("Pod docker image cannot be pulled, unable to start: ErrImagePull\nrpc error: code = NotFound"),
             "Pod docker image cannot be pulled, unable to start: ErrImagePull"),
            (TimeoutError("Timeout, PID: 4242"), "Timeout, PID: 4242"),
            ("Executor reported that the task instance finished with state failed\n  more detail",
             "Executor reported that the task instance finished with state failed"),
            ("\n\n  indented first line  \n", "indented first line"),
        ):
            with self.subTest(expected=expected):
                self.assertEqual(self.reason(error), expected)

    def test_nothing_to_say_is_none(self):
        for error in (None, "", "  \n ", Exception()):
            with self.subTest(error=error):
                self.assertIsNone(self.reason(error))


class EndpointSettingsTests(unittest.TestCase):
    def test_timeout_defaults_when_missing_or_invalid(self):
        for value in ("", "soon", "-1", "0"):
            with self.subTest(value=value):
                endpoint = genie_listener.GenieEndpoint.from_environment(
                    {"GENIE_URL": "http://genie:8080", "GENIE_AIRFLOW_TOKEN": "t", "GENIE_AIRFLOW_TIMEOUT": value})
                self.assertEqual(endpoint.timeout, genie_listener.DEFAULT_TIMEOUT_SECONDS)

    def test_timeout_and_url_are_read_from_the_environment(self):
        endpoint = genie_listener.GenieEndpoint.from_environment(
            {"GENIE_URL": " http://genie:8080/base/ ", "GENIE_AIRFLOW_TOKEN": "t", "GENIE_AIRFLOW_TIMEOUT": "0.5"})
        self.assertEqual(endpoint.url, "http://genie:8080/base/api/v1/airflow/events")
        self.assertEqual(endpoint.timeout, 0.5)


if __name__ == "__main__":
    unittest.main()
