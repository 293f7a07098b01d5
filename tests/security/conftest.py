"""The access-attempt suite prints every attempt and its outcome at the end of the run."""

ATTEMPTS: list[tuple[str, str, str, str, str]] = []


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not ATTEMPTS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("access attempts (acceptance 1, SEC)")
    widths = [max(len(row[i]) for row in ATTEMPTS) for i in range(5)]
    header = ("endpoint", "role", "request", "outcome", "verdict")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in sorted(ATTEMPTS):
        write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    verdicts: dict[str, int] = {}
    for row in ATTEMPTS:
        verdicts[row[4]] = verdicts.get(row[4], 0) + 1
    write(
        f"{len(ATTEMPTS)} attempts: " + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
    )
