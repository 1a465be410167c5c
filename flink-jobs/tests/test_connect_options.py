"""The Kafka Connect configs in flink-jobs/connect use only documented options (tools/connect_options.py)."""

import glob
import importlib.util
import json
import os
import re
import unittest

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SPEC = importlib.util.spec_from_file_location("connect_options", os.path.join(_ROOT, "tools", "connect_options.py"))
connect_options = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(connect_options)

CONFIGS = sorted(glob.glob(os.path.join(_ROOT, "connect", "*.json")))
SQL = os.path.join(_ROOT, "sql", "genie-stats.sql")


def _components():
    with open(connect_options.README, encoding="utf-8") as readme:
        return connect_options.documented_components(readme.read())


def _config(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)["config"]


class ConnectOptionsTests(unittest.TestCase):
    def test_every_property_of_every_config_is_documented(self):
        self.assertGreaterEqual(len(CONFIGS), 4)
        components = _components()
        for path in CONFIGS:
            with self.subTest(config=os.path.basename(path)):
                self.assertEqual([], connect_options.undocumented_properties(_config(path), components))

    def test_every_documented_component_names_its_kind_and_a_versioned_source(self):
        components = _components()
        self.assertIn("io.debezium.connector.postgresql.PostgresConnector", components)
        self.assertIn("io.confluent.connect.jdbc.JdbcSinkConnector", components)
        for name, component in components.items():
            with self.subTest(component=name):
                self.assertIn(component.kind, ("framework", "source", "sink", "transform", "converter"))
                self.assertRegex(component.source or "", r"\d+\.\d+.*https://")

    def test_an_undocumented_property_is_reported(self):
        components = _components()
        config = dict(_config(os.path.join(_ROOT, "connect", "debezium-outbox.json")))
        config["slot.nmae"] = "typo"
        config["transforms.outbox.route.by.feild"] = "type"
        config["value.converter.auto.register.schema"] = "false"
        problems = connect_options.undocumented_properties(config, components)
        self.assertEqual(3, len(problems), problems)
        for key in ("slot.nmae", "transforms.outbox.route.by.feild", "value.converter.auto.register.schema"):
            self.assertTrue(any(problem.startswith(key + ":") for problem in problems), problems)

    def test_an_undocumented_component_or_alias_is_reported(self):
        components = _components()
        config = {
            "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
            "transforms": "rename,lost",
            "transforms.rename.type": "com.example.Unknown",
            "key.converter": "com.example.Converter",
        }
        problems = connect_options.undocumented_properties(config, components)
        self.assertTrue(any("com.example.Unknown" in problem for problem in problems), problems)
        self.assertTrue(any("com.example.Converter" in problem for problem in problems), problems)
        self.assertTrue(any("'lost'" in problem for problem in problems), problems)
        self.assertEqual(
            ["connector.class: 'com.example.Source' is not a documented connector"],
            connect_options.undocumented_properties({"connector.class": "com.example.Source"}, components))

    def test_each_jdbc_sink_upserts_on_the_primary_key_of_the_flink_table_it_writes(self):
        with open(SQL, encoding="utf-8") as file:
            script = file.read()
        sinks = [path for path in CONFIGS if _config(path)["connector.class"] == "io.confluent.connect.jdbc.JdbcSinkConnector"]
        self.assertEqual(3, len(sinks))
        for path in sinks:
            config = _config(path)
            with self.subTest(config=os.path.basename(path)):
                table = config["table.name.format"]
                ddl = re.search(r"CREATE TEMPORARY TABLE %s \((.*?)\n\) WITH \((.*?)\) LIKE" % table, script, re.S)
                self.assertIsNotNone(ddl, f"no Flink sink table {table}")
                primary_key = re.search(r"PRIMARY KEY \(([^)]*)\) NOT ENFORCED", ddl.group(1)).group(1)
                self.assertEqual([c.strip().strip("`") for c in primary_key.split(",")], config["pk.fields"].split(","))
                self.assertIn("'topic' = '%s'" % config["topics"], ddl.group(2))
                self.assertEqual(("upsert", "record_key"), (config["insert.mode"], config["pk.mode"]))


if __name__ == "__main__":
    unittest.main()
