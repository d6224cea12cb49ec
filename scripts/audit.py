"""`make audit`: known vulnerabilities in the locked dependency set, or a clear note that none were checked.

pip-audit asks PyPI's JSON API for each pinned release (`/pypi/<name>/<version>/json`, which carries
the advisories). Where that API cannot be reached (offline, or behind a mirror that serves only the
package index), pip-audit would skip every package and still print "No known vulnerabilities found";
so the API is probed first with one locked release, and without it the audit says it did not run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PROBE_PACKAGE = "sanic"


def locked_version(name: str) -> str:
    match = re.search(rf"^{re.escape(name)}==([^\s;\\]+)", LOCK.read_text(encoding="utf-8"), flags=re.M)
    if match is None:
        raise SystemExit(f"{name} is not in {LOCK.name}")
    return match.group(1)


def advisory_api_reachable() -> tuple[bool, str]:
    url = f"https://pypi.org/pypi/{PROBE_PACKAGE}/{locked_version(PROBE_PACKAGE)}/json"
    try:
        with urllib.request.urlopen(url, timeout=8) as resp:
            return b'"vulnerabilities"' in resp.read(), url
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        return False, f"{url}: {exc}"


def main() -> int:
    reachable, where = advisory_api_reachable()
    if not reachable:
        print(f"无法访问漏洞数据库（{where}）：未运行 pip-audit，依赖漏洞未检查。联网后再运行 make audit。")
        return 0
    command = [str(Path(sys.executable).parent / "pip-audit"), "--requirement", str(LOCK), "--require-hashes",
               "--disable-pip", "--strict", "--progress-spinner", "off"]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main())
