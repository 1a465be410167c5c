"""Every statement of flink-jobs/sql parses with dt-sql-parser's FlinkSQL grammar (the bundle `make flink-sql-check` builds)."""

import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKER = os.path.join(_ROOT, "sql", "check", "dist", "check-flink-sql.mjs")
SCRIPTS = sorted(glob.glob(os.path.join(_ROOT, "sql", "*.sql")))


class FlinkSqlTests(unittest.TestCase):
    def check(self, *paths):
        # A missing tool fails the test: a skipped parse would pass a broken job.
        node = shutil.which("node")
        if node is None or not os.path.isfile(CHECKER):
            self.fail(f"the Flink SQL checker is missing ({CHECKER} and node): run `make flink-sql-check`")
        return subprocess.run([node, CHECKER, *paths], capture_output=True, text=True, timeout=120)

    def test_every_statement_of_every_script_parses(self):
        self.assertTrue(SCRIPTS)
        result = self.check(*SCRIPTS)
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        for script in SCRIPTS:
            counts = re.search(re.escape(script) + r": (\d+) statements, 0 errors", result.stdout)
            self.assertIsNotNone(counts, result.stdout)
            self.assertGreater(int(counts.group(1)), 10)

    def test_a_broken_statement_fails_with_its_line(self):
        with open(SCRIPTS[0], encoding="utf-8") as file:
            lines = file.read().split("\n")
        broken_line = next(i for i, line in enumerate(lines) if line.startswith("GROUP BY `namespace`, job, task,"))
        lines[broken_line] = lines[broken_line].replace("GROUP BY", "GROUP", 1)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "broken.sql")
            with open(path, "w", encoding="utf-8") as file:
                file.write("\n".join(lines))
            result = self.check(path)
        self.assertEqual(1, result.returncode, result.stdout + result.stderr)
        self.assertIn(f"{path}:{broken_line + 1}:", result.stdout)

    def test_an_empty_script_or_none_is_not_a_pass(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "empty.sql")
            with open(path, "w", encoding="utf-8") as file:
                file.write("-- nothing\n")
            self.assertEqual(2, self.check(path).returncode)
        self.assertEqual(2, self.check().returncode)

    def test_scripts_keep_to_what_the_operator_sql_runner_splits(self):
        # The Kubernetes operator's SQL runner example drops `--` to the end of any line and reads SET with one regex.
        for script in SCRIPTS:
            with open(script, encoding="utf-8") as file:
                for number, line in enumerate(file, 1):
                    code = line.strip()
                    with self.subTest(script=os.path.basename(script), line=number):
                        if not code.startswith("--"):
                            self.assertNotIn("--", code)
                        if code.upper().startswith("SET "):
                            self.assertRegex(code, r"^SET\s+'(\S+)'\s+=\s+'(.*)';$")


if __name__ == "__main__":
    unittest.main()
