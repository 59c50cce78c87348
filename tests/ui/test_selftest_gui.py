"""The self-test's window and chart checks (``--selftest --gui``, which the frozen app runs)
pass on the installed package."""

from annotator.selftest import run


def test_the_gui_checks_pass(qapp, capsys):
    assert run(["--gui"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out and "PASS  gui" in out and "PASS  charts" in out
