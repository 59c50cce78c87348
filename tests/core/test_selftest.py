"""The self-test the frozen app runs passes on the installed package too."""

from annotator.selftest import run


def test_every_headless_check_passes(capsys):
    assert run([]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out and "PASS  formats" in out
