"""deploy/: the alert rules and dashboard use only metrics and labels a real /metrics serves."""

from __future__ import annotations

import configparser
import json
import re
import shutil
import subprocess
from pathlib import Path

import aiohttp
import pytest
import yaml
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from adapters.jobs.metrics import QueueMetrics, WorkerCounters
from adapters.jobs.queue import open_queue
from adapters.metrics import PrometheusTelemetry, StateCollector
from adapters.web.server import WebServer
from bot.cli import COMMANDS, USAGE_ERROR
from core.errors import KINDS
from core.models import Platform, Verdict
from core.ports import Stage
from tests.services import missing

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ALERTS = DEPLOY / "prometheus" / "alerts.yml"
DASHBOARD = DEPLOY / "grafana" / "stash.json"
# Prometheus adds these itself: the target's health and the labels of the scrape.
PROMETHEUS_OWN = {"up"}
TARGET_LABELS = {"instance", "job"}
# The bounded label values, as core.telemetry.outcome_name, bot.bootstrap and instrument.py name
# them.
OUTCOMES = ("added", "already", "chosen", "asked", "declined", "not_linked", "not_on_spotify",
            "not_recognized", "refused", "failed")
SERVICES = ("media", "shazam", "spotify_search", "spotify_playlists", "spotify_accounts")
STATUSES = ("2xx", "4xx", "429", "5xx", "none", "other")
SELECTOR = re.compile(r"([a-zA-Z_:][\w:]*)\{([^}]*)\}")
MATCHER = re.compile(r'(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"')


def _record_every_label_value(telemetry: PrometheusTelemetry) -> None:
    """Every bounded label value the product can emit, through the real telemetry."""
    kinds = [*KINDS, "unexpected", "ok"]
    for platform in [*Platform, "unknown"]:
        for outcome in OUTCOMES:
            telemetry.share_finished(str(platform), outcome, "")
    for kind in kinds:
        telemetry.share_finished("instagram", "failed", kind)
    for stage in Stage:
        telemetry.stage_finished(stage, 0.3)
    telemetry.cache_lookup(True)
    telemetry.cache_lookup(False)
    for service in SERVICES:
        telemetry.outside_call(service, "ok", "2xx")
    for kind in kinds:
        telemetry.outside_call("media", kind, "other")
    for status in STATUSES:
        telemetry.outside_call("shazam", "rate_limited", status)


@pytest.fixture
async def scraped() -> dict[str, dict[str, set[str]]]:
    """Sample name → label name → values seen, from GET /metrics on the real web server."""
    registry = CollectorRegistry()
    _record_every_label_value(PrometheusTelemetry(registry))
    registry.register(StateCollector(
        in_flight=lambda: 2, started=lambda: 7, coalesced=lambda: 5, budget_waiting=lambda: 1,
        cookies=lambda: {1: "ready", 2: "cooling", 3: "bad"},
        fronts={"telegram": lambda: True, "discord": lambda: False}, storage_up=lambda: True))
    _distributed_metrics(registry)
    async with WebServer(host="127.0.0.1", port=0, registry=registry) as server:
        url = f"http://127.0.0.1:{server.port}/metrics"
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            assert response.status == 200
            text = await response.text()
    samples: dict[str, dict[str, set[str]]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = samples.setdefault(sample.name, {})
            for name, value in sample.labels.items():
                labels.setdefault(name, set()).add(value)
    return samples


def _distributed_metrics(registry: CollectorRegistry) -> None:
    """The queue's gauges as a refresh leaves them (no Redis needed), and a worker's counters."""
    queue = QueueMetrics(open_queue("redis://127.0.0.1:1/0", "deploy-test"), registry)
    queue._state = {"up": 1.0, "queued": 3, "active": 1, "oldest": 12.5, "workers": 2}
    counters = WorkerCounters(registry)
    for result in [*(str(v) for v in Verdict), *KINDS, "crashed"]:
        counters.finished(result)


def _alert_exprs() -> list[str]:
    groups = yaml.safe_load(ALERTS.read_text())["groups"]
    return [rule["expr"] for group in groups for rule in group["rules"]]


def _dashboard_exprs() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    exprs += [var["definition"] for var in dashboard["templating"]["list"] if "definition" in var]
    return exprs


def _as_promql(expr: str) -> str:
    """A dashboard query with Grafana's variables filled in as Grafana would."""
    return expr.replace("$__rate_interval", "5m").replace("$instance", ".*")


def _problems(expr: str, samples: dict[str, dict[str, set[str]]]) -> list[str]:
    """What in `expr` names a metric, label or label value that /metrics does not serve."""
    selectors = SELECTOR.findall(expr)
    names = set(re.findall(r"\bstash_\w+", expr)) | {name for name, _ in selectors}
    problems = [f"unknown metric {name}" for name in sorted(names - PROMETHEUS_OWN)
                if name not in samples]
    for name, matchers in selectors:
        if name not in samples:
            continue  # reported above, or one of Prometheus's own
        labels = samples[name]
        for label, _, value in MATCHER.findall(matchers):
            if label in TARGET_LABELS:
                continue
            if label not in labels:
                problems.append(f"{name} has no label {label}")
            elif re.fullmatch(r"[\w|]+", value):
                problems += [f"{name}{{{label}}} never is {v!r}" for v in value.split("|")
                             if v not in labels[label]]
    return problems


@pytest.mark.parametrize("source", ["alerts", "dashboard"])
async def test_deploy_uses_only_what_metrics_serves(
        scraped: dict[str, dict[str, set[str]]], source: str) -> None:
    exprs = _alert_exprs() if source == "alerts" else _dashboard_exprs()
    used = {name for expr in exprs for name in SELECTOR.findall(expr)}
    assert any(name.startswith("stash_") for name, _ in used)
    problems = {expr: found for expr in exprs if (found := _problems(expr, scraped))}
    assert problems == {}


async def test_the_check_catches_a_misspelt_metric_label_or_value(
        scraped: dict[str, dict[str, set[str]]]) -> None:
    assert _problems('rate(stash_share_total{outcome="failed"}[5m])', scraped) == [
        "unknown metric stash_share_total"]
    assert _problems('stash_outside_calls_total{servce="shazam"}', scraped) == [
        "stash_outside_calls_total has no label servce"]
    assert _problems('stash_outside_calls_total{service=~"shazam|spotify"}', scraped) == [
        "stash_outside_calls_total{service} never is 'spotify'"]


def test_every_dashboard_panel_has_a_query() -> None:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    assert len({panel["id"] for panel in panels}) == len(panels)
    assert all(panel["targets"] and panel["title"] for panel in panels)


def _promtool(*args: str | Path) -> str:
    """Run promtool; a missing promtool skips on a laptop and fails under CI, which installs it."""
    promtool = shutil.which("promtool")
    if promtool is None:
        missing("promtool", "put promtool on PATH (it comes with every Prometheus release; "
                "`.ci/run` takes it out of Debian's prometheus package)")
    done = subprocess.run([promtool, *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_promtool_accepts_the_rules_and_the_config() -> None:
    assert f"SUCCESS: {len(_alert_exprs())} rules found" in _promtool("check", "rules", ALERTS)
    assert "is valid prometheus config" in _promtool(
        "check", "config", DEPLOY / "prometheus" / "prometheus.yml")


def test_the_example_scrapes_the_job_the_rules_watch() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    [job] = config["scrape_configs"]
    assert job["job_name"] == "stash" and job["metrics_path"] == "/metrics"
    assert all('up{job="stash"}' in expr for expr in _alert_exprs() if "up{" in expr)


def test_each_alert_fires_when_it_should_and_only_then() -> None:
    assert "SUCCESS" in _promtool("test", "rules", DEPLOY / "prometheus" / "alerts_test.yml")


def test_every_dashboard_query_is_valid_promql(tmp_path: Path) -> None:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    rules = [{"record": f"dashboard:panel_{panel['id']}_{target['refId']}",
              "expr": _as_promql(target["expr"])}
             for panel in panels for target in panel["targets"]]
    path = tmp_path / "dashboard.rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
    assert f"SUCCESS: {len(rules)} rules found" in _promtool("check", "rules", path)


@pytest.mark.parametrize("name", ["stash.service", "stash-worker.service"])
def test_the_service_runs_a_real_command_and_gives_up_on_bad_settings(name: str) -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((DEPLOY / "systemd" / name).read_text())
    service = unit["Service"]
    program, command = service["ExecStart"].split()[:2]
    assert program.endswith("/stash") and command in COMMANDS
    assert service["RestartPreventExitStatus"] == str(USAGE_ERROR)
    assert service["User"] != "root"
