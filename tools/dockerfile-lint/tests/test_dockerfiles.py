"""Genie's Dockerfiles pass lint-dockerfile.mjs (dockerfile-utils' validator, hadolint-style rules, COPY sources checked
against the build context and .dockerignore), and each image keeps the contract the Helm chart is written against."""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

_LINT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(os.path.dirname(_LINT_DIR))
LINTER = os.path.join(_LINT_DIR, "lint-dockerfile.mjs")
PACKAGES = ("dockerfile-utils", "dockerfile-ast", "@balena/dockerignore")
FIXTURES = os.path.join(_LINT_DIR, "tests", "fixtures")

# Every image, built with the repository root as its context.
DOCKERFILES = {
    "server": "control-plane/Genie.Server/Dockerfile",
    "portal": "ui/Genie.Portal/Dockerfile",
    "cli": "control-plane/Genie.Cli/Dockerfile",
    "airflow": "airflow/Dockerfile",
}

# Every rule the linter applies, with the hadolint rule it mirrors (None: a rule of Genie's own, or the validator).
RULES = {
    "DL3000": "DL3000",  # absolute WORKDIR
    "DL3002": "DL3002",  # last USER not root
    "DL3003": "DL3003",  # WORKDIR, not cd
    "DL3004": "DL3004",  # no sudo
    "DL3006": "DL3006",  # images tagged
    "DL3007": "DL3007",  # no `latest`
    "DL3008": "DL3008",  # apt-get install pinned
    "DL3009": "DL3009",  # apt lists removed
    "DL3011": "DL3011",  # valid ports
    "DL3013": "DL3013",  # pip install pinned (versions, or a requirements or constraints file)
    "DL3015": "DL3015",  # --no-install-recommends
    "DL3020": "DL3020",  # COPY, not ADD
    "DL3021": "DL3021",  # several sources need a folder destination
    "DL3022": "DL3022",  # COPY --from names an earlier stage
    "DL3023": "DL3023",  # COPY --from not its own stage
    "DL3024": "DL3024",  # unique stage names
    "DL3025": "DL3025",  # JSON CMD and ENTRYPOINT
    "DL3029": "DL3029",  # no fixed --platform
    "DL3042": "DL3042",  # pip --no-cache-dir
    "DL3045": "DL3045",  # relative COPY destination needs a WORKDIR
    "DL3059": "DL3059",  # no consecutive RUNs
    "DL4000": "DL4000",  # no MAINTAINER
    "DL4003": "DL4003",  # one CMD
    "DL4004": "DL4004",  # one ENTRYPOINT
    "DL4006": "DL4006",  # pipefail before a pipe
    "GN001": None,  # multi-stage: the final stage has no SDK and builds nothing
    "GN002": None,  # the final stage runs as a numeric non-root uid
    "GN003": None,  # no secrets in ENV or ARG
    "GN004": None,  # a HEALTHCHECK, or HEALTHCHECK NONE with the reason in a comment
    "GN005": None,  # every COPY source exists in the context and is not excluded by .dockerignore
    "DU": None,  # dockerfile-utils' validator, reported as DU:<its code>
}

# The bad fixture breaks every rule; these are all the rule ids it must be reported with, no more, no fewer.
BAD_FIXTURE_FINDINGS = {
    "DL3000", "DL3002", "DL3003", "DL3004", "DL3006", "DL3007", "DL3008", "DL3009", "DL3011", "DL3013", "DL3015",
    "DL3020", "DL3021", "DL3022", "DL3023", "DL3024", "DL3025", "DL3029", "DL3042", "DL3045", "DL3059", "DL4000",
    "DL4003", "DL4004", "DL4006", "GN001", "GN002", "GN003", "GN004", "GN005",
    "DU:DEPRECATED_MAINTAINER", "DU:DUPLICATE_BUILD_STAGE_NAME", "DU:INVALID_DESTINATION", "DU:MULTIPLE_INSTRUCTIONS",
    "DU:UNKNOWN_COPY_FLAG", "DU:WORKDIR_IS_NOT_ABSOLUTE",
}


# The project each .NET image builds and publishes.
PROJECTS = {
    "server": "control-plane/Genie.Server/Genie.Server.csproj",
    "portal": "ui/Genie.Portal/Genie.Portal.csproj",
    "cli": "control-plane/Genie.Cli/Genie.Cli.csproj",
}
SOLUTION_FILES = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"]


def project_xml(project):
    return ElementTree.parse(os.path.join(ROOT, project)).getroot()


def project_closure(project):
    """The project and every project it references, directly or not, as paths from the repository root."""
    found, pending = set(), [project]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        folder = os.path.dirname(current)
        for reference in project_xml(current).iter("ProjectReference"):
            pending.append(os.path.normpath(os.path.join(folder, reference.get("Include"))))
    return found


def files_outside_the_project_folder(project):
    """Items (the proto, embedded resources) a project takes from outside its own folder, as repository paths."""
    folder = os.path.dirname(project)
    items = []
    for element in project_xml(project).iter():
        include = element.get("Include")
        if element.tag in ("Protobuf", "EmbeddedResource", "Content", "None", "Compile") and include and include.startswith(".."):
            items.append(os.path.normpath(os.path.join(folder, include)))
    return items


def assembly_name(project):
    name = project_xml(project).find("./PropertyGroup/AssemblyName")
    return name.text if name is not None else os.path.splitext(os.path.basename(project))[0]


def port_of(url):
    match = re.fullmatch(r"http://[^/]+:(\d+)/?", url)
    if match is None:
        raise AssertionError(f"{url} is not an http URL with a port")
    return match.group(1)


class LinterTestCase(unittest.TestCase):
    """Runs lint-dockerfile.mjs; no tests of its own."""

    def lint(self, *args):
        # A missing tool fails the test: a skipped lint would pass a broken Dockerfile.
        node = shutil.which("node")
        if node is None:
            self.fail("node is missing: it runs tools/dockerfile-lint")
        for package in PACKAGES:
            if not os.path.isfile(os.path.join(_LINT_DIR, "node_modules", package, "package.json")):
                self.fail(f"the npm package {package} is missing: run `make dockerfile-lint`")
        return subprocess.run([node, LINTER, *args], capture_output=True, text=True, timeout=120, cwd=ROOT)

    def describe(self, name):
        result = self.lint("--describe", DOCKERFILES[name])
        self.assertEqual(0, result.returncode, result.stderr)
        return json.loads(result.stdout)


class DockerfileLintTests(LinterTestCase):
    """The linter: every Dockerfile passes, a bad one fails with each rule's id, and what the ignore file leaves out."""

    def test_the_rules_are_the_listed_ones_each_with_the_hadolint_rule_it_mirrors(self):
        result = self.lint("--rules")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(RULES, {rule["id"]: rule["mirrors"] for rule in json.loads(result.stdout)})

    def test_every_dockerfile_passes(self):
        result = self.lint("--json", "--context", ROOT, *DOCKERFILES.values())
        reports = json.loads(result.stdout)
        self.assertEqual(sorted(DOCKERFILES.values()), sorted(report["file"] for report in reports))
        for report in reports:
            self.assertEqual([], report["findings"], report["file"])
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)

    def test_a_bad_dockerfile_fails_with_every_rule_it_breaks(self):
        context = os.path.join(FIXTURES, "bad")
        result = self.lint("--json", "--context", context, os.path.join(context, "Dockerfile"))
        self.assertEqual(1, result.returncode, result.stderr)
        findings = json.loads(result.stdout)[0]["findings"]
        self.assertEqual(BAD_FIXTURE_FINDINGS, {finding["rule"] for finding in findings})
        missing = [f["message"] for f in findings if f["rule"] == "GN005"]
        self.assertIn("source missing.txt does not exist in the build context", missing)
        self.assertIn("source excluded.txt is excluded by .dockerignore", missing)
        # A secret by name (ARG GITHUB_TOKEN, ENV DB_PASSWORD) and by value (an API key, a connection string's password).
        self.assertEqual([15, 16, 17, 18], [f["line"] for f in findings if f["rule"] == "GN003"])
        # The human form names file, line and rule, and counts the problems.
        plain = self.lint("--context", context, os.path.join(context, "Dockerfile"))
        self.assertEqual(1, plain.returncode)
        self.assertRegex(plain.stdout, r"Dockerfile:9 GN005 source missing\.txt does not exist")
        self.assertIn(f"1 Dockerfiles, {len(findings)} problems", plain.stdout)

    def test_healthcheck_none_needs_a_comment_saying_why(self):
        context = os.path.join(FIXTURES, "unexplained-healthcheck")
        result = self.lint("--json", "--context", context, os.path.join(context, "Dockerfile"))
        self.assertEqual(1, result.returncode)
        self.assertEqual([("GN004", 5)], [(f["rule"], f["line"]) for f in json.loads(result.stdout)[0]["findings"]])

    def test_a_copy_of_what_the_repository_ignore_file_excludes_fails(self):
        with tempfile.TemporaryDirectory() as folder:
            dockerfile = os.path.join(folder, "Dockerfile")
            with open(dockerfile, "w", encoding="utf-8") as file:
                file.write(
                    "FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra\n"
                    "WORKDIR /app\n"
                    "COPY control-plane/Genie.Server/Program.cs ./\n"
                    "COPY airflow/tests/ ./tests/\n"
                    "COPY control-plane/*/Dockerfile ./\n"
                    "COPY flink-jobs/schemas/*.avsc ./schemas/\n"
                    "COPY flink-jobs/schemas/*.nope ./schemas/\n"
                    "USER 10001\n"
                    "# A fixture: nothing runs.\n"
                    "HEALTHCHECK NONE\n"
                )
            result = self.lint("--json", "--context", ROOT, dockerfile)
        findings = json.loads(result.stdout)[0]["findings"]
        self.assertEqual(
            [(4, "source airflow/tests/ is excluded by .dockerignore"),
             (5, "source control-plane/*/Dockerfile is excluded by .dockerignore"),
             (7, "source flink-jobs/schemas/*.nope does not exist in the build context")],
            [(f["line"], f["message"]) for f in findings if f["rule"] == "GN005"])
        self.assertEqual({"GN005"}, {f["rule"] for f in findings})

    def test_the_ignore_file_keeps_local_state_build_output_and_everything_unneeded_out(self):
        excluded = [
            ".genie/secrets.key", "control-plane/Genie.Server/.genie/postgres/data/PG_VERSION",
            "control-plane/Genie.Server/bin/Debug/net10.0/Genie.Server.dll", "ui/Genie.Portal/obj/project.assets.json",
            "tools/node_modules/s3rver/package.json", "tests/Genie.Server.Tests/Genie.Server.Tests.csproj",
            ".git/config", "charts/genie/Chart.yaml", "examples/hello.yaml", "README.md", "airflow/tests/__init__.py",
            "airflow/plugins/__pycache__/genie_listener.cpython-311.pyc", "control-plane/Genie.Server/Dockerfile",
            "ui/Genie.Portal/Properties/launchSettings.json",
        ]
        sent = [
            "Directory.Packages.props", "control-plane/Genie.Server/Program.cs", "ui/Genie.Portal/wwwroot/portal.css",
            "proto/genie/v1/genie.proto", "flink-jobs/schemas/run.created.avsc", "airflow/plugins/genie_listener.py",
        ]
        result = self.lint("--excluded", "--context", ROOT, *excluded, *sent)
        self.assertEqual(0, result.returncode, result.stderr)
        answer = json.loads(result.stdout)
        self.assertEqual({path: True for path in excluded}, {path: answer[path] for path in excluded})
        self.assertEqual({path: False for path in sent}, {path: answer[path] for path in sent})


class ImageContractTests(LinterTestCase):
    """What the chart (charts/genie) and the docs rely on: users, ports, entrypoints and the writable paths."""

    def assert_dotnet_build(self, image, name):
        """The build stage copies what `dotnet restore` and `dotnet publish` of the image's project need, no less."""
        build, final = image["stages"][0], image["final"]
        self.assertEqual(2, len(image["stages"]))
        self.assertRegex(build["image"], r"^mcr\.microsoft\.com/dotnet/sdk:10\.0-noble$")
        self.assertEqual("$BUILDPLATFORM", build["platform"])
        self.assertEqual([{"from": "build", "chown": None, "sources": ["/app"], "destination": "./"}], final["copies"][:1])
        self.assertEqual("/app", final["workdir"])
        project = PROJECTS[name]
        closure = project_closure(project)
        steps = build["steps"]
        runs = [i for i, step in enumerate(steps) if "run" in step]
        restore = next(i for i in runs if steps[i]["run"].startswith("dotnet restore "))
        publish = next(i for i in runs if steps[i]["run"].startswith("dotnet publish "))
        # The restore and the publish name the project and agree on the target architecture (--no-restore needs it).
        self.assertTrue(steps[restore]["run"].startswith(f'dotnet restore {project} -a "$TARGETARCH"'))
        self.assertTrue(steps[publish]["run"].startswith(f'dotnet publish {project} --no-restore -c Release -a "$TARGETARCH"'))
        self.assertIn("-o /app", steps[publish]["run"])
        copied_before = [step["copy"] for step in steps[:restore] if "copy" in step]
        copied_after = [step["copy"] for step in steps[restore:publish] if "copy" in step]
        # Before the restore: the solution-wide props and every project file of the closure, each into its own folder.
        self.assertEqual(SOLUTION_FILES, copied_before[0]["sources"])
        project_files = {c["sources"][0]: c["destination"] for c in copied_before[1:]}
        self.assertEqual(closure, set(project_files))
        for path, destination in project_files.items():
            self.assertEqual(os.path.dirname(path) + "/", destination)
        # Before the publish: every project's folder, and what the projects take from outside their folders.
        sources = [source.rstrip("/") for c in copied_after for source in c["sources"]]
        for path in closure:
            self.assertIn(os.path.dirname(path), sources)
            for item in files_outside_the_project_folder(path):
                self.assertTrue(any(item == s or item.startswith(s + "/") for s in sources), f"{item} is not copied")

    def assert_runs_as_10001_with_volumes(self, final, *writable):
        self.assertEqual("10001:10001", final["user"])
        for path in writable:
            self.assertTrue(any(path == v or path.startswith(v + "/") for v in final["volumes"]), f"{path} is in no volume")

    def test_server(self):
        image = self.describe("server")
        final = image["final"]
        self.assert_dotnet_build(image, "server")
        self.assertEqual("mcr.microsoft.com/dotnet/aspnet:10.0-noble", final["image"])
        self.assertEqual(["dotnet", f"{assembly_name(PROJECTS['server'])}.dll"], final["entrypoint"])
        self.assertEqual({"8080", "8082"}, set(final["expose"]))
        self.assertEqual("8080", port_of(final["env"]["ASPNETCORE_URLS"]))
        self.assertEqual("8082", port_of(final["env"]["Genie__Grpc__Url"]))
        env = final["env"]
        self.assert_runs_as_10001_with_volumes(final, env["Genie__DataDir"], env["Genie__Airflow__Publish__Folder"], env["HOME"])
        self.assertEqual("CMD", final["healthcheck"]["kind"])
        self.assertIn("/readyz", final["healthcheck"]["text"])
        self.assertIn("127.0.0.1/8080", final["healthcheck"]["text"])
        # The local executor starts every task through setsid and sh; the build checks the image has them.
        self.assertTrue(any("command -v setsid" in run and "command -v sh" in run for run in final["runs"]))

    def test_portal(self):
        image = self.describe("portal")
        final = image["final"]
        self.assert_dotnet_build(image, "portal")
        self.assertEqual("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", final["image"])
        self.assertEqual(["dotnet", f"{assembly_name(PROJECTS['portal'])}.dll"], final["entrypoint"])
        self.assertEqual(["8081"], final["expose"])
        # URLS, not ASPNETCORE_URLS: the portal's appsettings.json names 127.0.0.1:8081 and outranks the prefixed one.
        self.assertEqual("8081", port_of(final["env"]["URLS"]))
        self.assertNotIn("ASPNETCORE_URLS", final["env"])
        # Data protection keys live in $HOME/.aspnet/DataProtection-Keys.
        self.assert_runs_as_10001_with_volumes(final, final["env"]["HOME"])
        self.assertIn({"from": "build", "chown": "10001:10001", "sources": ["/portal-home"], "destination": final["env"]["HOME"]},
                      final["copies"])

    def test_cli(self):
        image = self.describe("cli")
        final = image["final"]
        self.assert_dotnet_build(image, "cli")
        self.assertEqual("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra", final["image"])
        # The apphost carries the assembly's name, and `genie` is what the chart and the docs call.
        self.assertEqual("genie", assembly_name(PROJECTS["cli"]))
        self.assertEqual(["genie"], final["entrypoint"])
        self.assertIn(final["workdir"], final["env"]["PATH"].split(":"))
        self.assertEqual("10001:10001", final["user"])
        self.assertEqual("/usr/share/dotnet", final["env"]["DOTNET_ROOT"])
        self.assertIn({"from": "build", "chown": "10001:10001", "sources": ["/cli-home"], "destination": final["env"]["HOME"]},
                      final["copies"])

    def test_airflow(self):
        final = self.describe("airflow")["final"]
        self.assertRegex(final["image"], r"^apache/airflow:3\.2\.\d+-python3\.\d+$")
        self.assertIn({"from": None, "chown": None, "sources": ["airflow/plugins/genie_listener.py"],
                       "destination": "/opt/airflow/plugins/genie_listener.py"}, final["copies"])
        install = " ".join(final["runs"])
        for package in ("apache-airflow-providers-cncf-kubernetes", "apache-airflow-providers-amazon"):
            self.assertIn(package, install)
        self.assertIn('"apache-airflow==${AIRFLOW_VERSION}"', install)
        self.assertIn('--constraint "${HOME}/constraints.txt"', install)
        self.assertEqual("50000:0", final["user"])


if __name__ == "__main__":
    unittest.main()
