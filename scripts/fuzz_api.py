"""The schemathesis profile: fuzz every operation of the served OpenAPI document as each kind of user.

Starts the real server on loopback (embedded SQLite and fake Redis unless DATABASE_URL/REDIS_URL are
set) with demo data and the fake WeChat server, signs in as a resident, a leader, district staff and
an admin, and runs `schemathesis run` once per identity, so bodies for authenticated routes are
generated and sent with a valid token. Checks: no 5xx, every status and content type documented,
every response matching its schema, invalid input refused, a route behind a token refusing a request
without one (not_a_server_error, status_code_conformance, content_type_conformance,
response_schema_conformance, negative_data_rejection, ignored_auth). Prints
`FUZZ … cases=… failures=…` and exits non-zero on any failure.

    python scripts/fuzz_api.py [--examples N] [--seed S] [--only staff,admin] [--include-path-regex RE]
                               [--log-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
          "negative_data_rejection,ignored_auth")
# Routes that end the identity's own session (signing out, erasing the account) would turn the rest of
# its run into 401s; their own tests cover them (tests/test_auth.py, tests/test_personal_data.py).
EXCLUDE = r"(/auth/logout|/dev-login|/me/erasure)$"
IDENTITIES = {"resident": {"role": "resident"}, "leader": {"role": "leader"}, "staff": {"role": "staff"},
              "admin": {"role": "admin"}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"服务进程已退出（{proc.returncode}）")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} 在 {timeout}s 内未响应")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def _junit_counts(path: Path) -> tuple[int, int]:
    root = ET.parse(path).getroot()  # noqa: S314  (our own schemathesis report, not untrusted input)
    suites = [root] if root.tag == "testsuite" else list(root)
    tests = sum(int(s.get("tests", 0)) for s in suites)
    failures = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    return tests, failures


def _generated(output: str) -> int:
    """The number of test cases schemathesis reports ("7686 generated, …")."""
    found = re.findall(r"(\d+) generated", output)
    return int(found[-1]) if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "8")))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "20261202")))
    parser.add_argument("--only", default="", help="逗号分隔的身份（resident,leader,staff,admin），默认全部")
    parser.add_argument("--include-path-regex", default="", help="只测路径匹配该正则的接口")
    parser.add_argument("--log-dir", default="", help="保存每个身份的完整 schemathesis 输出")
    args = parser.parse_args()
    identities = {k: v for k, v in IDENTITIES.items() if not args.only or k in args.only.split(",")}

    work = Path(tempfile.mkdtemp(prefix="sz-fuzz-"))
    # Staff routes upload and retire knowledge documents: they land in the fuzzed server's own
    # VAR_DIR/knowledge (seeded from knowledge/ at start), never in the repository.
    port, fake_port = _free_port(), _free_port()
    env = {**os.environ, "VAR_DIR": str(work), "APP_ENV": "dev", "LOG_LEVEL": "WARNING",
           "WECHAT_API_BASE": f"http://127.0.0.1:{fake_port}/"}
    subprocess.run([sys.executable, "-m", "backend", "migrate"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-m", "backend", "seed-demo"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    # dev-login hands out no admin tokens: the admin identity signs in with a password like a real admin.
    admin_password = "fuzz-admin-password"
    subprocess.run([sys.executable, "-m", "backend", "create-staff", "fuzz-admin", "--password", admin_password,
                    "--role", "admin"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    fake = subprocess.Popen([sys.executable, "-m", "backend.wechat.fake_server", "--host", "127.0.0.1",
                             "--port", str(fake_port)], cwd=ROOT, env=env, start_new_session=True)
    server = subprocess.Popen([str(BIN / "sanic"), "backend.app:create_app", "--factory", "--host", "127.0.0.1",
                               "--port", str(port)], cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    counts: dict[str, dict[str, int]] = {}
    try:
        _wait(f"{base}/healthz", server)
        for name, login in identities.items():
            if login["role"] == "admin":
                resp = httpx.post(f"{base}/api/admin/v1/auth/login",
                                  json={"username": "fuzz-admin", "password": admin_password}, timeout=10)
            else:
                resp = httpx.post(f"{base}/api/mp/v1/auth/dev-login", json={"openid": f"fuzz-{name}", **login},
                                  timeout=10)
            resp.raise_for_status()
            token = resp.json()["token"]
            junit = work / f"{name}.xml"
            cmd = [str(BIN / "schemathesis"), "run", f"{base}/docs/openapi.json", "--checks", CHECKS,
                   "-H", f"Authorization: Bearer {token}", "--max-examples", str(args.examples),
                   "--seed", str(args.seed), "--phases", "examples,coverage,fuzzing",
                   "--exclude-path-regex", EXCLUDE, "--request-timeout", "30",
                   "--report", "junit", "--report-junit-path", str(junit), "--no-color"]
            if args.include_path_regex:
                cmd += ["--include-path-regex", args.include_path_regex]
            print(f"== {name}: {' '.join(cmd[2:4])} …", flush=True)
            # Run in the scratch folder: schemathesis keeps its crash cache in the working directory.
            done = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
            if args.log_dir:
                Path(args.log_dir).mkdir(parents=True, exist_ok=True)
                (Path(args.log_dir) / f"{name}.txt").write_text(done.stdout + done.stderr)
            tail = "\n".join(done.stdout.splitlines()[-40:])
            operations, failures = _junit_counts(junit) if junit.exists() else (0, 1)
            if done.returncode != 0 and not failures:  # schemathesis itself failed (schema, connection)
                failures = 1
            generated = _generated(done.stdout)
            counts[name] = {"operations": operations, "cases": generated, "failures": failures}
            print(tail if failures else f"{name}: {operations} operations, {generated} cases, 0 failures", flush=True)
    finally:
        _stop(server)
        _stop(fake)
        shutil.rmtree(work, ignore_errors=True)
    total = {key: sum(c[key] for c in counts.values()) for key in ("operations", "cases", "failures")}
    print(f"FUZZ identities={len(counts)} operations_run={total['operations']} cases={total['cases']} "
          f"failures={total['failures']} examples={args.examples} seed={args.seed}")
    print(json.dumps({"total": total, "by_identity": counts}, ensure_ascii=False))
    return 1 if total["failures"] or len(counts) < len(identities) else 0


if __name__ == "__main__":
    sys.exit(main())
