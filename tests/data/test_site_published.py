"""The site as the Pages workflow publishes it: the folder `make site` writes, and nothing else
(.github/workflows/pages.yml uploads `site/` alone). Everything its metadata points at, the page's
schema.org JSON-LD and croissant.json, must be in that folder and load from it."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import subprocess
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from india_china_security_meetings.csv_format import parse_csv
from india_china_security_meetings.generate.site import build_site
from india_china_security_meetings.reader import PackageReader

CROISSANT_PYTHON = ROOT / ".venv-croissant" / "bin" / "python"


@pytest.fixture(scope="module")
def published(tmp_path_factory, built_dist):
    """`make site` (the release files first, then the page), then a copy of site/ alone, away
    from the checkout and the release folder: what Pages serves."""
    build = tmp_path_factory.mktemp("build")
    build_site(ROOT, build / "site", built_dist)
    out = tmp_path_factory.mktemp("pages") / "site"
    shutil.copytree(build / "site", out)
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(published):
    """The published folder over HTTP on the loopback interface, as a static host serves it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(published)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 the loopback server above
        assert response.status == 200, url
        return response.read()


def _relative(url: str) -> bool:
    return not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url)


def test_every_contenturl_of_the_pages_jsonld_loads_from_the_published_site(published, served):
    page = _get(served + "index.html").decode("utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    distribution = json.loads(block)["distribution"]
    reader = PackageReader(ROOT)
    tables = {entry["path"]: entry["name"] for entry in reader.table_entries()}
    assert {d["contentUrl"] for d in distribution} >= set(tables)
    for item in distribution:
        assert _relative(item["contentUrl"]), item["contentUrl"]  # published here, not somewhere else
        data = _get(urljoin(served + "index.html", item["contentUrl"]))
        assert item["contentSize"] == f"{len(data)} B", item["contentUrl"]
        if item["contentUrl"] in tables:
            parsed = parse_csv(data.decode("utf-8").removeprefix("\ufeff"))
            assert len(parsed.records) == len(reader.rows(tables[item["contentUrl"]])), item["contentUrl"]
        else:
            json.loads(data)


def test_every_file_croissant_json_names_loads_from_the_published_site_with_its_hash(published, served):
    metadata = json.loads(_get(served + "croissant.json"))
    files = {f["@id"]: f for f in metadata["distribution"] if f["@type"] == "cr:FileObject"}
    assert files
    for item in files.values():
        data = _get(urljoin(served + "croissant.json", item["contentUrl"]))
        assert hashlib.sha256(data).hexdigest() == item["sha256"], item["contentUrl"]
    for record_set in metadata["recordSet"]:  # every record set reads files the site carries
        for field in record_set.get("field", []):
            file_id = field.get("source", {}).get("fileObject", {}).get("@id")
            assert file_id is None or file_id in files, (record_set["@id"], file_id)


@pytest.mark.slow
@pytest.mark.mlcroissant
@pytest.mark.skipif(
    not CROISSANT_PYTHON.exists(), reason="run `make check-croissant` to build mlcroissant's environment"
)
def test_mlcroissant_loads_every_record_set_from_the_published_site_alone(published, tmp_path):
    """mlcroissant in its own environment (as tests/test_croissant.py runs it), on the published
    copy, from a working folder that holds nothing else: its relative links resolve there or fail."""
    result = subprocess.run(
        [str(CROISSANT_PYTHON), str(ROOT / "tests/croissant_records.py"), str(published / "croissant.json")],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["errors"] == []
    reader = PackageReader(ROOT)
    assert loaded["counts"] == {name: len(reader.rows(name)) for name in reader.table_names()}
