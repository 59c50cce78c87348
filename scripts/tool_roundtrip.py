"""Round trips through the real tools: export, let the tool take the file in and write it back,
read that back, and count what came through.

    python scripts/tool_roundtrip.py [--label-studio BIN] [--doccano BIN] [--brat DIR] [--keep DIR]

``--label-studio`` is the ``label-studio`` command of an environment where it is installed
(``pip install label-studio`` in a virtual environment of its own); the script starts it on
127.0.0.1 with a data folder of its own, imports the gold export as tasks, annotates nothing,
and exports the project as JSON: every task's annotation must come back as it was sent.
``--doccano`` is the ``doccano`` command of an environment where doccano is installed; the
script initialises a database of its own, serves it on 127.0.0.1 with its task queue, imports
the gold export into a sequence-labelling project and exports the project as JSONL.
``--brat`` is brat's ``server/src`` folder (a checkout of nlplab/brat); its own
``annotation.py`` loads and saves every exported document, as brat's server does when a
document is opened. A tool not given is reported as not run.

The gold set is the demo articles, pre-highlighted, with every candidate (overlaps resolved)
taken as gold, and one article with characters outside the BMP (𠮷, 😀). Per tool the script
prints: documents accepted, spans in, spans out, lost (not read back) and shifted (read back
with other offsets).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core import formats  # noqa: E402
from annotator.core.resources import resource_path  # noqa: E402

ASTRAL = {"id": "astral", "text": "𠮷𠮷市民政局😀发布:全市社工6.79万人。", "status": "gold",
          "spans": [{"start": 2, "end": 6, "label": "AGENCY", "text": "市民政局"},
                    {"start": 14, "end": 20, "label": "FIGURE", "text": "6.79万人"}]}  # fmt: skip
Key = tuple[str, int, int, str]


def annotator(*args: object) -> None:
    subprocess.run([sys.executable, "-m", "annotator", *map(str, args)],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip


def gold_project(work: Path) -> Path:
    """The demo articles with their candidates taken as gold, plus the astral article."""
    candidates, gold_lines = work / "candidates.annot", work / "gold.jsonl"
    annotator("import", resource_path("demo"), "--project", candidates, "--region", "重庆市")
    annotator("export", "--project", candidates, "-o", work / "candidates.jsonl")
    with open(gold_lines, "w", encoding="utf-8") as out:
        for line in [*(work / "candidates.jsonl").read_text("utf-8").splitlines(),
                     json.dumps(ASTRAL, ensure_ascii=False)]:  # fmt: skip
            doc = json.loads(line)
            kept, end = [], 0
            for span in sorted(doc["spans"], key=lambda s: (s["start"], -s["end"])):
                if span["start"] >= end:
                    kept.append({k: span[k] for k in ("start", "end", "label", "text", "agency")
                                 if k in span})  # fmt: skip
                    end = span["end"]
            out.write(json.dumps({**doc, "spans": kept, "status": "gold"}, ensure_ascii=False))
            out.write("\n")
    project = work / "gold.annot"
    annotator("import", gold_lines, "--project", project, "--no-prehighlight")
    return project


def keys(docs) -> set[Key]:
    return {(d.get("id") or d["text"][:20], s["start"], s["end"], s["label"])
            for d in docs if isinstance(d, dict) for s in d["spans"]}  # fmt: skip


def compare(tool: str, sent: list[dict], back: list) -> dict:
    out_keys, in_keys = keys(sent), keys(back)
    lost = out_keys - in_keys
    shifted = {k for k in lost if any(b[0] == k[0] and b[3] == k[3] and b[1] < k[2] and k[1] < b[2]
                                      for b in in_keys - out_keys)}  # fmt: skip
    return {"tool": tool, "accepted": sum(isinstance(d, dict) for d in back),
            "documents": len(sent), "spans out": len(out_keys), "spans in": len(in_keys),
            "lost": len(lost - shifted), "shifted": len(shifted),
            "problems": [str(d) for d in back if not isinstance(d, dict)][:5]}  # fmt: skip


# -- Label Studio ------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(base: str, token: str, method: str, url: str, body=None) -> bytes:
    req = urllib.request.Request(base + url, method=method, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json"},
        data=None if body is None else json.dumps(body).encode())  # fmt: skip
    with urllib.request.urlopen(req, timeout=120) as response:
        return response.read()


def label_studio(binary: Path, work: Path, project: Path) -> dict:
    tasks_file = work / "tasks.json"
    export_gold(project, "label-studio", tasks_file)
    sent = list(formats.read("label-studio", tasks_file))
    data, port, token = work / "ls-data", _free_port(), "roundtrip" + os.urandom(8).hex()
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data),
           "LABEL_STUDIO_USERNAME": "roundtrip@example.com",
           "LABEL_STUDIO_PASSWORD": os.urandom(12).hex(), "LABEL_STUDIO_USER_TOKEN": token}
    server = subprocess.Popen([str(binary), "start", "--no-browser", "--host", "127.0.0.1",
                               "--port", str(port), "--internal-host", "127.0.0.1"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _call(base, token, "GET", "/health"), 600)
        _run_ls_shell(binary, env, "from jwt_auth.models import JWTSettings\n"
                      "from organizations.models import Organization\n"
                      "for org in Organization.objects.all():\n"
                      "    s, _ = JWTSettings.objects.get_or_create(organization=org)\n"
                      "    s.legacy_api_tokens_enabled = True\n"
                      "    s.save()\n")  # fmt: skip
        labels = "".join(f'<Label value="{x}"/>' for x in formats_labels())
        config = (f'<View><Labels name="label" toName="text">{labels}</Labels>'
                  '<Text name="text" value="$text"/></View>')
        created = json.loads(_call(base, token, "POST", "/api/projects",
                                   {"title": "roundtrip", "label_config": config}))  # fmt: skip
        pid = created["id"]
        _call(base, token, "POST", f"/api/projects/{pid}/import",
              json.loads(tasks_file.read_text("utf-8")))
        back_file = work / "ls-export.json"
        back_file.write_bytes(_call(base, token, "GET",
                                    f"/api/projects/{pid}/export?exportType=JSON"
                                    "&download_all_tasks=true"))
    finally:
        server.terminate()
        server.wait(30)
    return compare("label-studio", sent, list(formats.read("label-studio", back_file)))


def _run_ls_shell(binary: Path, env: dict, code: str) -> None:
    python = binary.parent / "python"
    found = subprocess.run([str(python), "-c", "import label_studio, os; "
                            "print(os.path.dirname(label_studio.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    subprocess.run([str(python), "manage.py", "shell", "-c", code], cwd=found, check=True,
                   env={**env, "DJANGO_SETTINGS_MODULE": "core.settings.label_studio"},
                   capture_output=True)  # fmt: skip


def _wait(probe: Callable[[], object], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            probe()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(2)


# -- doccano -----------------------------------------------------------------------------------
def doccano(binary: Path, work: Path, project: Path) -> dict:
    lines_file = work / "gold.doccano.jsonl"
    export_gold(project, "doccano", lines_file)
    sent = list(formats.read("doccano", lines_file))
    data, port = work / "doccano-data", _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}", "HOME": str(data),
           "MEDIA_ROOT": str(data / "media")}  # fmt: skip
    data.mkdir()
    password = os.urandom(12).hex()
    subprocess.run([str(binary), "init"], env=env, check=True, capture_output=True)
    subprocess.run([str(binary), "createuser", "--username", "roundtrip", "--password", password],
                   env=env, check=True, capture_output=True)  # fmt: skip
    backend = subprocess.run([str(binary.parent / "python"), "-c", "import backend, os; "
                              "print(os.path.dirname(backend.__file__))"], capture_output=True,
                             text=True, check=True).stdout.strip()  # fmt: skip
    servers = [
        subprocess.Popen([str(binary.parent / "gunicorn"), "--bind", f"127.0.0.1:{port}",
                          "--workers", "1", "config.wsgi"], cwd=backend, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([str(binary), "task", "--concurrency", "1"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]  # fmt: skip
    try:
        api = _Doccano(f"http://127.0.0.1:{port}")
        _wait(lambda: api.call("GET", "/v1/health"), 300)
        api.login("roundtrip", password)
        pid = api.call("POST", "/v1/projects", {
            "name": "roundtrip", "description": "roundtrip", "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject"})["id"]  # fmt: skip
        api.upload(pid, lines_file)
        back_file = api.export(pid, work / "doccano-export.zip")
    finally:
        for server in servers:
            server.terminate()
            server.wait(30)
    return compare("doccano", sent, list(formats.read("doccano", back_file)))


class _Doccano:
    """The few calls of doccano's REST API an import and an export take."""

    def __init__(self, base: str):
        self.base, self.token = base, ""

    def call(self, method: str, url: str, body=None, raw: bytes | None = None,
             ctype: str = "application/json"):  # fmt: skip
        headers = {"Content-Type": ctype}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + url, data=data, headers=headers, method=method)
        with urllib.request.urlopen(req, timeout=120) as response:
            payload = response.read()
        try:
            return json.loads(payload)
        except ValueError:
            return payload

    def login(self, user: str, password: str) -> None:
        self.token = self.call("POST", "/v1/auth/login/",
                               {"username": user, "password": password})["key"]  # fmt: skip

    def finished(self, task_id: str) -> dict:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            status = self.call("GET", f"/v1/tasks/status/{task_id}")
            if status.get("ready"):
                if status.get("error"):
                    raise RuntimeError(f"doccano: {status['error']}")
                return status
            time.sleep(1)
        raise TimeoutError("doccano's task queue did not finish")

    def upload(self, pid: int, path: Path) -> None:
        boundary = os.urandom(16).hex()
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="filepond"; '
                f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                ).encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        upload = self.call("POST", "/v1/fp/process/", raw=body,
                           ctype=f"multipart/form-data; boundary={boundary}")
        task = self.call("POST", f"/v1/projects/{pid}/upload", {
            "uploadIds": [upload.decode()], "format": "JSONL", "task": "SequenceLabeling",
            "column_data": "text", "column_label": "label", "delimiter": "",
            "encoding": "utf_8"})["task_id"]  # fmt: skip
        errors = (self.finished(task).get("result") or {}).get("error")
        if errors:
            raise RuntimeError(f"doccano refused lines: {errors[:3]}")

    def export(self, pid: int, zip_path: Path) -> Path:
        task = self.call("POST", f"/v1/projects/{pid}/download",
                         {"format": "JSONL", "exportApproved": False})["task_id"]  # fmt: skip
        self.finished(task)
        zip_path.write_bytes(self.call("GET", f"/v1/projects/{pid}/download?taskId={task}"))
        with zipfile.ZipFile(zip_path) as archive:
            (name,) = [n for n in archive.namelist() if n.endswith(".jsonl")]
            return Path(archive.extract(name, zip_path.parent))


# -- brat ---------------------------------------------------------------------------------------
def brat(src: Path, work: Path, project: Path) -> dict:
    folder = work / "brat"
    export_gold(project, "brat", folder)
    sent = list(formats.read("brat", folder))
    shim = work / "bratlib"
    shim.mkdir()
    shutil.copy(src / "annotation.py", shim)  # alone, so it runs in its programmatic mode
    code = (
        "import codecs, glob, os, sys\n"
        f"sys.path.insert(0, {str(shim)!r})\n"
        "import annotation\n"
        "annotation.open_textfile = lambda fn, mode='r': codecs.open("
        "fn, mode.replace('U', ''), encoding='utf8', errors='strict')\n"
        f"for ann in sorted(glob.glob({str(folder)!r} + '/*.ann')):\n"
        "    with annotation.TextAnnotations(os.path.splitext(ann)[0]) as doc:\n"
        "        assert not doc.get_messages().errors, doc.get_messages().errors\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    back = list(formats.read("brat", folder))
    result = compare("brat", sent, back)
    links = lambda docs: {(d["id"], s["start"], s["agency"]["id"], s["agency"]["name"])  # noqa: E731
                          for d in docs if isinstance(d, dict) for s in d["spans"] if "agency" in s}
    result["links lost"] = len(links(sent) - links(back))
    return result


# -- helpers ------------------------------------------------------------------------------------
def export_gold(project: Path, fmt: str, out: Path) -> None:
    from annotator.core.exchange.export import Selection
    from annotator.core.store import Project

    with Project.open(project) as opened:
        formats.export(opened, fmt, out, Selection(gold=True))


def formats_labels() -> list[str]:
    schema = json.loads(resource_path("schemas", "gov-news-zh.json").read_text("utf-8"))
    return [label["name"] for label in schema["labels"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label-studio", type=Path, help="the label-studio command")
    parser.add_argument("--doccano", type=Path, help="the doccano command")
    parser.add_argument("--brat", type=Path, help="brat's server/src folder")
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="roundtrip-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    project = gold_project(work)
    runs = {"label-studio": (args.label_studio, label_studio),
            "doccano": (args.doccano, doccano), "brat": (args.brat, brat)}
    for tool, (where, run) in runs.items():
        if where is None:
            print(f"{tool}: not run (not given)")
            continue
        print(json.dumps(run(where, work, project), ensure_ascii=False))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
