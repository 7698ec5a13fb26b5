#!/usr/bin/env python3
"""Run the README's command-line examples as a reader pastes them, so that they cannot rot.

Usage: readme_examples.py README SALESCOACH_BIN SOURCE_DIR

Every ```sh block of the README with a `salescoach` command in it is a command-line example.
Each line of such a block must be a command the reader can paste: `salescoach ...`,
`build/salescoach ...` or `export SALESCOACH_DB=...` (comments and `\\` continuations
allowed). The blocks run in the order of the README, in one shell, with `set -e`, in a new
folder that looks like the source folder (`build/` is the folder of SALESCOACH_BIN, `docs/`
the source's), `salescoach` on the PATH, and Enter typed at every question. First it does what
the README says `make run` does: var/salescoach.db with the demo organisation. Any command
that exits with other than 0 fails the test, naming the command and what it said.
"""
import os
import re
import subprocess
import sys
import tempfile

COMMAND = re.compile(r"^(salescoach|build/salescoach) |^export SALESCOACH_DB=\S+(\s+#.*)?$")


def blocks(readme):
    """The command-line example blocks: (line number, text) of each."""
    text = open(readme, encoding="utf-8").read()
    for m in re.finditer(r"^```sh\n(.*?)^```", text, re.S | re.M):
        body = m.group(1)
        if re.search(r"^(build/)?salescoach ", body, re.M):
            yield text.count("\n", 0, m.start()) + 2, body


def check(line_no, body):
    """Fail unless every logical line of the block is a command a reader can paste."""
    for k, line in enumerate(re.sub(r"\\\n", " ", body).split("\n")):
        line = line.strip()
        if line and not line.startswith("#") and not COMMAND.match(line):
            sys.exit(f"README.md:{line_no}: '{line}' is not a salescoach command that the "
                     "README's readers can paste")


def main():
    readme, binary, source = (os.path.abspath(a) for a in sys.argv[1:4])
    found = list(blocks(readme))
    if len(found) < 5:
        sys.exit(f"README.md: only {len(found)} command-line example blocks found")
    script = ["set -e"]
    for line_no, body in found:
        check(line_no, body)
        script.append(f"echo '@@ README.md:{line_no}' >&2")
        script.append(body)
    with tempfile.TemporaryDirectory(prefix="salescoach-readme-") as home:
        os.symlink(os.path.dirname(os.path.abspath(binary)), os.path.join(home, "build"))
        os.symlink(os.path.join(source, "docs"), os.path.join(home, "docs"))
        env = {k: v for k, v in os.environ.items() if k != "SALESCOACH_DB"}
        env["PATH"] = os.path.dirname(os.path.abspath(binary)) + os.pathsep + env["PATH"]
        subprocess.run([binary, "--db", "var/salescoach.db", "demo"], cwd=home, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        run = subprocess.run(["bash", "-x", "-c", "\n".join(script)], cwd=home, env=env,
                             input="\n" * 200, capture_output=True, text=True)
        if run.returncode != 0:
            err = run.stderr.splitlines()
            where = [l for l in err if l.startswith("@@ ")]
            tried = [l for l in err if l.startswith("+ ")]
            sys.exit(f"the README's example failed (exit {run.returncode}) in the block at "
                     f"{where[-1][3:] if where else '?'}:\n  {tried[-1][2:] if tried else '?'}"
                     "\nit said:\n" + "\n".join(err[-8:]))
        print(f"{len(found)} blocks of README.md ran, every command exited 0")


if __name__ == "__main__":
    main()
