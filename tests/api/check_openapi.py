#!/usr/bin/python3
"""Every JSON answer of `cairn serve` against the schema src/api/openapi.json gives it.

Usage: check_openapi.py CAIRN_BINARY OPENAPI_JSON TEST_DATA_DIR

Makes a demo journal, serves it on a free port, checks the document's own structure, then
calls every GET route (with ids from the demo), a representative set of writes and of
refusals, and validates each answer's status, media type and body against the operation's
documented response. Lists every mismatch and fails when there is one.
"""

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import uuid
from pathlib import Path

from jsonschema import Draft202012Validator, RefResolver

NOW = "2026-05-01T08:00:00Z"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def media_type(header):
    return (header or "").split(";")[0].strip().lower()


def walk_refs(node, where="#"):
    """Every $ref in the document, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from walk_refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk_refs(value, f"{where}/{i}")


def pointer(document, ref):
    node = document
    for part in ref.lstrip("#/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[part]
    return node


METHODS = ("get", "put", "post", "patch", "delete", "head", "options")


def check_document(document):
    """The document's structure: what a client generator would trip on."""
    problems = []
    if document.get("openapi") != "3.1.0":
        problems.append("openapi is not 3.1.0")
    for where, ref in walk_refs(document):
        if not ref.startswith("#/"):
            problems.append(f"{where}: $ref {ref} is not local")
            continue
        try:
            pointer(document, ref)
        except (KeyError, IndexError, TypeError):
            problems.append(f"{where}: $ref {ref} does not resolve")
    operation_ids = set()
    for path, item in document["paths"].items():
        names = set(re.findall(r"{([^}]+)}", path))
        for method, operation in item.items():
            if method == "parameters":
                continue
            if method not in METHODS:
                problems.append(f"{path}: {method} is not an HTTP method")
                continue
            where = f"{method.upper()} {path}"
            responses = operation.get("responses")
            if not responses:
                problems.append(f"{where}: no responses")
                continue
            if not any(status.startswith("2") for status in responses):
                problems.append(f"{where}: no success response")
            for status, response in responses.items():
                if "$ref" in response:
                    response = pointer(document, response["$ref"])
                if "description" not in response:
                    problems.append(f"{where} {status}: no description")
            operation_id = operation.get("operationId")
            if not operation_id or operation_id in operation_ids:
                problems.append(f"{where}: missing or repeated operationId")
            operation_ids.add(operation_id)
            declared = set()
            for parameter in item.get("parameters", []) + operation.get("parameters", []):
                if "$ref" in parameter:
                    parameter = pointer(document, parameter["$ref"])
                if parameter["in"] == "path":
                    declared.add(parameter["name"])
            if declared != names:
                problems.append(f"{where}: path parameters {sorted(names)} declared as "
                                f"{sorted(declared)}")
    for name, schema in document["components"]["schemas"].items():
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as error:  # noqa: BLE001 - any schema error is reported the same
            problems.append(f"components/schemas/{name}: {error}")
    return problems


class Checker:
    def __init__(self, document):
        self.document = document
        self.port = 0
        self.resolver = RefResolver.from_schema(document)
        self.problems = []
        self.called = set()
        self.calls = 0

    def route_of(self, method, path):
        """The documented (pattern, operation) of a request, or (None, None)."""
        segments = path.split("?")[0].split("/")
        for pattern, item in self.document["paths"].items():
            want = pattern.split("/")
            if len(want) != len(segments):
                continue
            if all(w == g or (w.startswith("{") and g) for w, g in zip(want, segments)):
                if method.lower() in item:
                    return pattern, item[method.lower()]
        return None, None

    def validate(self, where, body, schema):
        validator = Draft202012Validator(schema, resolver=self.resolver)
        for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
            at = "/".join(str(part) for part in error.absolute_path) or "(top)"
            self.problems.append(f"{where}: at {at}: {error.message[:300]}")

    def request(self, method, path, body=None, *, content_type=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            content_type = content_type or "application/json"
        if content_type:
            sent["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data

    def call(self, method, path, body=None, *, expect, content_type=None, headers=None):
        """Sends a request and checks its answer against the document; the parsed JSON."""
        self.calls += 1
        response, data = self.request(method, path, body, content_type=content_type,
                                      headers=headers)
        where = f"{method} {path} -> {response.status}"
        if response.status != expect:
            self.problems.append(f"{where}: expected status {expect}: {data[:300]!r}")
        pattern, operation = self.route_of(method, path)
        if operation is None:
            # A refusal before any route: 404 for no such route, 405 for a method the path
            # does not take, 403 for a foreign Host; always an Error.
            if response.status == 405 and not response.getheader("Allow"):
                self.problems.append(f"{where}: no Allow header")
            schema = {"$ref": "#/components/schemas/Error"}
            self.check_body(where, response, data, {"application/json": {"schema": schema}})
            return self.parsed(data)
        self.called.add((method, pattern))
        if 200 <= response.status < 300:
            self.check_request(f"{method} {path}", pattern, operation, body, content_type)
        responses = operation["responses"]
        documented = responses.get(str(response.status), responses.get("default"))
        if documented is None:
            self.problems.append(f"{where}: status {response.status} not documented for "
                                 f"{method} {pattern}")
            return self.parsed(data)
        if "$ref" in documented:
            documented = pointer(self.document, documented["$ref"])
        for name, header in documented.get("headers", {}).items():
            if "$ref" in header:
                header = pointer(self.document, header["$ref"])
            value = response.getheader(name)
            if value is None:
                if header.get("required"):
                    self.problems.append(f"{where}: no {name} header")
                continue
            self.validate(f"{where} (header {name})", value, header["schema"])
        self.check_body(where, response, data, documented.get("content"))
        return self.parsed(data)

    def check_request(self, where, pattern, operation, body, content_type):
        """A request the server took must be one the document allows: its query parameters
        and its JSON body."""
        item = self.document["paths"][pattern]
        parameters = {}
        for parameter in item.get("parameters", []) + operation.get("parameters", []):
            if "$ref" in parameter:
                parameter = pointer(self.document, parameter["$ref"])
            parameters[parameter["name"]] = parameter
        query = urllib.parse.parse_qsl(urllib.parse.urlsplit(where.split(" ", 1)[1]).query)
        for name, value in query:
            if name not in parameters or parameters[name]["in"] != "query":
                self.problems.append(f"{where}: query parameter {name} not documented")
                continue
            schema = parameters[name]["schema"]
            if "$ref" in schema:
                schema = pointer(self.document, schema["$ref"])
            if schema.get("type") in ("integer", "number"):
                value = float(value) if "." in value else int(value)
            self.validate(f"{where} (query {name})", value, schema)
        if isinstance(body, (dict, list)):
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                self.problems.append(f"{where}: a JSON body where none is documented")
            else:
                self.validate(f"{where} (request body)", body,
                              content["application/json"]["schema"])
        elif body:
            kind = media_type(content_type)
            if kind not in operation.get("requestBody", {}).get("content", {}):
                self.problems.append(f"{where}: a {kind} body is not documented")

    def check_body(self, where, response, data, content):
        if not content:
            if data:
                self.problems.append(f"{where}: a body where none is documented")
            return
        kind = media_type(response.getheader("Content-Type"))
        if kind not in content:
            self.problems.append(f"{where}: Content-Type {kind!r} not documented "
                                 f"({', '.join(content)})")
            return
        schema = content[kind].get("schema")
        if kind != "application/json":
            if not data:
                self.problems.append(f"{where}: an empty {kind} body")
            return
        try:
            body = json.loads(data)
        except ValueError as error:
            self.problems.append(f"{where}: not JSON: {error}")
            return
        if schema is not None:
            self.validate(where, body, schema)

    @staticmethod
    def parsed(data):
        try:
            return json.loads(data)
        except ValueError:
            return None


def wait_for(port, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"cairn serve exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("cairn serve did not start listening")


def exercise(check, data_dir):
    """The calls: every GET route, writes, uploads and refusals."""
    c = check.call
    document = c("GET", "/api/openapi.json", expect=200)
    if document != check.document:
        check.problems.append("the served document is not openapi.json (build again)")
    c("GET", "/api/status", expect=200)
    settings = c("GET", "/api/settings", expect=200)
    c("PATCH", "/api/settings", {"units": "km"}, expect=200)
    c("GET", "/api/insights", expect=200)
    c("GET", "/api/insights?as_of=2025-11-01", expect=200)
    c("GET", "/api/catalogue", expect=200)
    values = c("GET", "/api/values", expect=200)["values"]
    c("GET", "/api/values?at=2025-09-01", expect=200)
    c("GET", "/api/value-history", expect=200)
    c("GET", f"/api/values/{values[0]['id']}", expect=200)
    runs = c("GET", "/api/runs?limit=5", expect=200)
    c("GET", f"/api/runs?limit=5&before={runs['next']}", expect=200)
    c("GET", "/api/runs?from=2026-01-01&to=2026-03-31&sport=road&min_distance_m=3000"
             "&max_distance_m=30000", expect=200)
    run_id = runs["runs"][0]["id"]
    c("GET", f"/api/runs/{run_id}", expect=200)
    c("GET", f"/api/runs/{run_id}/track", expect=200)
    c("GET", f"/api/runs/{run_id}/prompts", expect=200)
    entries = c("GET", "/api/entries", expect=200)["entries"]
    c("GET", f"/api/entries/{entries[0]['id']}", expect=200)
    c("GET", "/api/prompts", expect=200)
    c("GET", "/api/prompts?on=2026-04-20", expect=200)
    experiments = c("GET", "/api/experiments", expect=200)["experiments"]
    for experiment in experiments:
        c("GET", f"/api/experiments/{experiment['id']}", expect=200)
    c("GET", "/api/checkins", expect=200)
    c("GET", "/api/reviews", expect=200)
    exported = c("GET", "/api/export", expect=200)
    c("GET", "/api/export?format=csv", expect=200)
    c("GET", "/api/export?format=markdown", expect=200)
    c("GET", "/api/backup", expect=200)

    # Values: added, changed, ranked, dated back, retired and restored.
    value = c("POST", "/api/values", {"name": "Curiosity", "importance": 6,
                                      "why": "new ways", "reason": "a test"}, expect=201)
    value_id = value["id"]
    # From the catalogue, by its key, as `cairn values add gratitude`.
    grateful = c("POST", "/api/values", {"catalogue_key": "gratitude", "importance": 4},
                 expect=201)
    if not grateful.get("description"):
        check.problems.append("POST /api/values with a catalogue_key: no description filled in")
    c("PATCH", f"/api/values/{value_id}", {"description": "trying things"}, expect=200)
    c("POST", f"/api/values/{value_id}/rank", {"importance": 7}, expect=200)
    c("POST", f"/api/values/{value_id}/since", {"since": "2026-01-01"}, expect=200)
    c("POST", f"/api/values/{value_id}/retire", {"reason": "enough"}, expect=200)
    c("POST", f"/api/values/{value_id}/restore", {"reason": "missed it"}, expect=200)
    c("GET", f"/api/values/{value_id}", expect=200)

    # Runs: a local start and an instant, changed, merged (a dry run), entries about them.
    zone = settings["zone"]
    local_run = c("POST", "/api/runs", {"start": {"local": "2026-04-30T07:10", "zone": zone},
                                        "distance_m": 5200, "elapsed_s": 1680,
                                        "title": "Before work"}, expect=201)
    utc_run = c("POST", "/api/runs", {"start": {"utc": "2026-04-30T17:30:00Z", "zone": zone},
                                      "sport": "trail", "distance_m": 8000,
                                      "elapsed_s": 3000,
                                      "laps": [{"elapsed_s": 1500, "distance_m": 4000}]},
                expect=201)
    c("POST", "/api/runs", {"start": {"local": "2026-04-28T07:10", "zone": zone},
                            "distance_m": 6000, "elapsed_s": 2100,
                            "entry": {"enjoyment": 7, "after": {"mood": 4}}}, expect=201)
    c("POST", "/api/runs", {"start": {"local": "2026-04-27T07:10", "zone": zone},
                            "distance_m": 6000, "entry": {"enjoyment": 70}}, expect=400)
    first = local_run["run"]["id"]
    second = utc_run["run"]["id"]
    c("PATCH", f"/api/runs/{first}", {"title": "Before work, windy", "avg_heart_rate_bpm": 150},
      expect=200)
    c("PATCH", f"/api/runs/{first}?accept_implausible=true",
      {"start": {"local": "2026-04-30T07:15", "zone": zone}}, expect=200)
    c("GET", f"/api/runs/{first}", expect=200)
    c("GET", f"/api/runs/{first}/track", expect=200)
    entry = c("POST", "/api/entries", {"run_id": first, "enjoyment": 7, "effort": 5,
                                       "before": {"mood": 3}, "after": {"mood": 4},
                                       "value_alignments": [{"value_id": value_id,
                                                             "rating": 8}],
                                       "context": {"company": "alone", "weather": "windy"},
                                       "text": "Felt good"}, expect=201)
    c("PATCH", f"/api/entries/{entry['id']}", {"text": "Felt good, then tired"}, expect=200)
    c("POST", "/api/entries", {"text": "A rest day", "after": {"energy": 4}}, expect=201)
    c("POST", f"/api/runs/{first}/merge", {"with": second, "dry_run": True}, expect=400)
    twin = c("POST", "/api/runs?accept_implausible=true",
             {"start": {"local": "2026-04-30T07:40", "zone": zone}, "distance_m": 9100,
              "elapsed_s": 1690, "source": "file", "source_ref": "watch.fit"}, expect=201)
    c("POST", f"/api/runs/{first}/merge", {"with": twin["run"]["id"], "dry_run": True},
      expect=200)
    merged = c("POST", f"/api/runs/{first}/merge", {"with": twin["run"]["id"]}, expect=200)
    first = merged["kept"]["run"]["id"]

    # An experiment: started, runs tagged and untagged, ended.
    experiment = c("POST", "/api/experiments",
                   {"value_id": value_id, "practice": "a new street each run",
                    "starts_on": "2026-04-27", "ends_on": "2026-05-24",
                    "goal": {"kind": "runs_per_week", "runs_per_week": 3}}, expect=201)
    experiment_id = experiment["id"]
    # As `cairn experiment start --value gratitude --practice ... --days 14`.
    c("POST", "/api/experiments",
      {"value": "gratitude", "practice": "a thank-you at the end", "days": 14}, expect=201)
    c("POST", f"/api/experiments/{experiment_id}/tag", {"run_ids": [first, second]},
      expect=200)
    c("POST", f"/api/experiments/{experiment_id}/untag", {"run_ids": [second]}, expect=200)
    c("GET", f"/api/experiments/{experiment_id}", expect=200)
    c("POST", f"/api/experiments/{experiment_id}/end",
      {"decision": "keep", "reflection": "worth it"}, expect=200)

    c("POST", "/api/checkins", {"on": "2026-04-27",
                                "areas": [{"value_id": value_id, "rating": 7, "note": ""}],
                                "motivation": {"enjoyment": 5}, "note": "a good week"},
      expect=201)
    c("POST", "/api/reviews", {"trigger": "a test", "changes": [
        {"value_id": value_id, "importance": 8, "reason": "it matters more"}]}, expect=201)
    c("DELETE", f"/api/runs/{second}?with_entry=true", expect=204)

    # Uploads: inspected, imported (in the background and waited for), a restore refused.
    gpx = (data_dir / "park-loop.gpx").read_bytes()
    octet = "application/octet-stream"
    c("POST", "/api/inspect?name=park-loop.gpx", gpx, content_type=octet, expect=200)
    c("POST", "/api/inspect?name=notes.txt", (data_dir / "not-an-activity.txt").read_bytes(),
      content_type=octet, expect=200)
    started = c("POST", "/api/imports?name=park-loop.gpx", gpx, content_type=octet,
                expect=202)
    deadline = time.monotonic() + 30
    job = started
    while job and job.get("state") == "running" and time.monotonic() < deadline:
        time.sleep(0.1)
        job = c("GET", f"/api/imports/{started['id']}", expect=200)
    c("GET", f"/api/imports/{started['id']}", expect=200)
    boundary = uuid.uuid4().hex
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                 f"filename=\"park-loop.gpx\"\r\nContent-Type: application/gpx+xml\r\n\r\n"
                 ).encode() + gpx + f"\r\n--{boundary}--\r\n".encode()
    c("POST", "/api/imports?wait=true", multipart,
      content_type=f"multipart/form-data; boundary={boundary}",
      headers={"Origin": f"http://127.0.0.1:{check.port}"}, expect=200)
    c("POST", "/api/restore?name=export.json", json.dumps(exported).encode(),
      content_type=octet, expect=409)
    c("POST", "/api/demo", {"years": 1}, expect=409)

    # Refusals.
    c("GET", "/api/runs?limit=0", expect=400)
    c("GET", "/api/runs?before=yesterday", expect=400)
    c("GET", "/api/insights?as_of=soon", expect=400)
    c("GET", "/api/export?format=pdf", expect=400)
    c("GET", "/api/runs?limt=5", expect=400)
    c("POST", "/api/values", b'{"name": "Speed", "importance": 3, "importance": 4}',
      content_type="application/json", expect=400)
    c("POST", "/api/values", b"{not json", content_type="application/json", expect=400)
    c("POST", "/api/values", {"name": "Speed", "importance": 3, "colour": "red"}, expect=400)
    c("POST", "/api/runs", {"distance_m": 5000}, expect=400)
    c("POST", f"/api/values/{value_id}/retire", {}, expect=400)
    c("POST", "/api/imports", b"", content_type=octet, expect=400)
    c("GET", "/api/runs/999999", expect=404)
    c("GET", "/api/runs/abc", expect=404)
    c("GET", "/api/entries/999999", expect=404)
    c("GET", "/api/experiments/999999", expect=404)
    c("GET", "/api/imports/999999", expect=404)
    c("GET", "/api/values/no-such-value", expect=404)
    c("GET", "/api/no-such-route", expect=404)
    c("DELETE", "/api/status", expect=405)
    c("PUT", f"/api/runs/{first}", {"title": "x"}, expect=405)
    c("POST", "/api/values", b"name=Speed", content_type="text/plain", expect=415)
    c("GET", "/api/status", b"{}", content_type="application/json", expect=415)
    c("POST", "/api/values", {"name": "x" * (1 << 20), "importance": 1}, expect=413)
    c("POST", "/api/values", {"name": "Speed", "importance": 3},
      headers={"Origin": "http://evil.example"}, expect=403)
    c("POST", "/api/inspect", gpx, content_type=f"multipart/form-data; boundary={boundary}",
      expect=403)
    c("GET", "/api/status", headers={"Host": "evil.example"}, expect=403)
    c("DELETE", f"/api/runs/{first}", expect=204)
    c("DELETE", f"/api/runs/{first}", expect=404)
    return exported


def exercise_new(check, exported):
    """A journal with nothing in it yet: its empty answers, the guided start, a restore."""
    c = check.call
    c("GET", "/api/status", expect=200)
    c("GET", "/api/insights", expect=200)
    c("GET", "/api/runs", expect=200)
    c("GET", "/api/experiments", expect=200)
    c("GET", "/api/export", expect=200)
    c("POST", "/api/start", {"values": [{"name": "Nope"}]}, expect=400)
    c("POST", "/api/restore", json.dumps(exported).encode(),
      content_type="application/octet-stream", expect=201)
    c("GET", "/api/status", expect=200)
    c("POST", "/api/start", {"units": "mi", "zone": "Europe/Berlin", "values": [
        {"name": "Calm", "importance": 8, "since": "2026-03-01", "reason": "a start"}]},
      expect=201)
    c("GET", "/api/settings", expect=200)


def exercise_demo(check):
    """The demo journal made through the API, into an empty journal."""
    c = check.call
    c("POST", "/api/demo", {"years": 0}, expect=400)
    c("POST", "/api/demo", {"seed": -1}, expect=400)
    c("POST", "/api/demo", {"seed": 5, "years": 1, "runs_per_week": 3}, expect=201)
    c("GET", "/api/status", expect=200)


def checked(problems, function, *arguments):
    """function(*arguments), an answer it did not expect (a KeyError, say) a problem."""
    try:
        return function(*arguments)
    except Exception:  # noqa: BLE001 - reported with its traceback, then the rest goes on
        problems.append(f"{function.__name__} stopped: {traceback.format_exc()}")
        return None


@contextlib.contextmanager
def served(cairn, database, environment, problems):
    """`cairn serve` of `database` on a free port, stopped with SIGTERM afterwards."""
    port = free_port()
    server = subprocess.Popen([cairn, "--db", database, "serve", "--port", str(port)],
                              env=environment, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        wait_for(port, server)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            _, stderr = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, stderr = server.communicate()
        if server.returncode != 0:
            problems.append(f"cairn serve exited with {server.returncode}: "
                            f"{stderr.decode(errors='replace')[-500:]}")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    cairn, document_path, data_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    began = time.monotonic()
    document = json.loads(document_path.read_text())
    problems = [f"document: {p}" for p in check_document(document)]
    environment = dict(os.environ, CAIRN_NOW=NOW)
    check = Checker(document)
    with tempfile.TemporaryDirectory(prefix="cairn-openapi-") as folder:
        demo = str(Path(folder) / "demo.db")
        subprocess.run([cairn, "--db", demo, "demo", "--years", "1"], env=environment,
                       check=True, stdout=subprocess.DEVNULL)
        exported = {}
        with served(cairn, demo, environment, problems) as port:
            check.port = port
            exported = checked(problems, exercise, check, data_dir) or {}
        # A new journal: empty answers, the guided start, and a restore of the demo's export.
        with served(cairn, str(Path(folder) / "new.db"), environment, problems) as port:
            check.port = port
            checked(problems, exercise_new, check, exported)
        with served(cairn, str(Path(folder) / "demo-api.db"), environment, problems) as port:
            check.port = port
            checked(problems, exercise_demo, check)
    problems += check.problems
    uncalled = sorted(f"{method.upper()} {path}" for path, item in document["paths"].items()
                      for method in item if method != "parameters"
                      and (method.upper(), path) not in check.called)
    for route in uncalled:
        problems.append(f"never called: {route}")
    print(f"{check.calls} calls, {len(check.called)} of "
          f"{len(check.called) + len(uncalled)} routes, in {time.monotonic() - began:.1f} s")
    for problem in problems:
        print(f"MISMATCH {problem}")
    if problems:
        print(f"{len(problems)} mismatches")
        return 1
    print("every answer matches openapi.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
