"""docs/security.md shows the role matrix the tests check, not an older one."""

from __future__ import annotations

from tests.security.render import DOC, render, section


def test_the_role_matrix_in_the_docs_is_the_one_the_tests_check():
    assert section(DOC.read_text()) == render(), (
        "docs/security.md's role matrix differs from tests/security/matrix.py: "
        "run `python -m tests.security.render` and commit the result."
    )
