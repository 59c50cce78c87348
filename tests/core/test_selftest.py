"""The self-test the frozen app runs passes on the installed package too."""

from annotator.selftest import run


def test_every_headless_check_passes(capsys):
    assert run([]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out and "PASS  formats" in out


def test_every_available_source_runs(capsys):
    from annotator.core.prehighlight.general_model import available

    assert run([]) == 0
    out = capsys.readouterr().out
    assert "PASS  project model" in out and "candidates back" in out
    general = next(line for line in out.splitlines() if "general model" in line)
    assert general.startswith("PASS")
    assert ("PERSON" in general) if available() else ("not installed" in general)
