#!/usr/bin/env python3
"""Archive exactly the release files on Zenodo as a draft: `python .github/scripts/zenodo_draft.py DIST`.

Creates a new deposition with the metadata of `.zenodo.json` (generated from datapackage.json),
uploads every file of DIST (the output of `make dist`, SHA256SUMS included) and stops there:
the draft is published, and its DOI minted, by a maintainer in Zenodo's web interface. Needs
ZENODO_TOKEN (a personal access token with deposit:write); ZENODO_API defaults to Zenodo's API
(use https://sandbox.zenodo.org/api to rehearse).
"""

import json
import os
import sys
import urllib.request
from pathlib import Path


def call(method: str, url: str, token: str, data: bytes | None = None, kind: str = "application/json") -> dict:
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", kind)
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310 (a fixed https API)
        body = response.read()
    return json.loads(body) if body else {}


def main(dist: Path) -> int:
    token = os.environ.get("ZENODO_TOKEN", "")
    api = os.environ.get("ZENODO_API", "https://zenodo.org/api").rstrip("/")
    if not token:
        print("ZENODO_TOKEN is not set: nothing archived", file=sys.stderr)
        return 2
    metadata = json.loads(Path(".zenodo.json").read_text(encoding="utf-8"))
    metadata.setdefault("upload_type", "dataset")
    files = sorted(p for p in dist.iterdir() if p.is_file())
    if not files:
        print(f"{dist} holds no release files", file=sys.stderr)
        return 2
    deposition = call("POST", f"{api}/deposit/depositions", token, json.dumps({"metadata": metadata}).encode())
    bucket = deposition["links"]["bucket"]
    for path in files:
        call("PUT", f"{bucket}/{path.name}", token, path.read_bytes(), "application/octet-stream")
        print(f"uploaded {path.name}")
    print(f"draft {deposition['id']}: review and publish it at {deposition['links']['html']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist")))
