#!/usr/bin/env python3
"""Run the libFuzzer targets of tests/fuzz (docs/fuzzing.md).

A target is tests/fuzz/fuzz_NAME.c with its seed corpus in tests/fuzz/corpus/NAME/ and its
libFuzzer flags (max_len, timeout, dict) in tests/fuzz/fuzz_NAME.options; the binaries are in
BUILD/tests/fuzz/ (make fuzz-build).

  tools/fuzz.py check [--seconds 60] [--jobs 2] [--budget 360] [--only NAME,...]
      Fuzz every target for --seconds on a copy of its corpus, --jobs at a time, the whole
      within about --budget seconds (the seconds per target shrink to fit). Writes nothing into
      the repository. Fails when a target crashed, leaked or timed out, and prints its report,
      the input (also as base64) and the command that reproduces it. (make fuzz-check)

  tools/fuzz.py run [--seconds 600] [--jobs 1] [--only NAME,...] [--report FILE]
      The long run: each target for --seconds on a copy of its corpus, then the corpus is
      merged with what the run found and minimised (see merge). Prints per target the
      executions, executions per second, coverage (cov, ft), the corpus before and after and
      the crashes; --report writes that table as Markdown. (make fuzz)

  tools/fuzz.py merge [--only NAME,...]
      Minimise tests/fuzz/corpus/NAME: the files named for what they are (seeds, inputs that
      once found a fault) stay; of those named by their SHA-1 (found by fuzzing), only those
      that reach a feature the named ones and the smaller others do not.

Crash, leak and timeout inputs are kept in BUILD/fuzz-artifacts/NAME/.
"""
import argparse
import base64
import concurrent.futures
import configparser
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ_DIR = os.path.join(ROOT, "tests", "fuzz")
CORPUS_DIR = os.path.join(FUZZ_DIR, "corpus")

# The clock and zone the unit tests run with, so that a reproducer reproduces.
ENV = {"SALESCOACH_NOW": "2026-11-28T12:00:00Z", "TZ": "UTC"}

STATUS = re.compile(r"^#(\d+)\s+(?:\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/")
STAT = re.compile(r"^stat::(\w+):\s+(\d+)")
REPORT_START = re.compile(
    r"invariant broken|==\d+==ERROR|runtime error:|ERROR: libFuzzer|SUMMARY: |ALARM: working on")
ARTIFACT = re.compile(r"^(crash|leak|timeout|oom|slow-unit)-")
SHA1_NAME = re.compile(r"^[0-9a-f]{40}$")


def targets(only):
    names = []
    for name in sorted(os.listdir(FUZZ_DIR)):
        if name.startswith("fuzz_") and name.endswith(".c"):
            target = name[len("fuzz_"):-len(".c")]
            if not os.path.isdir(os.path.join(CORPUS_DIR, target)):
                sys.exit(f"tests/fuzz/{name}: add its seed corpus, tests/fuzz/corpus/{target}/")
            names.append(target)
    if only:
        wanted = [n for n in only.split(",") if n]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            sys.exit(f"fuzz: no target {', '.join(unknown)}; the targets are {', '.join(names)}")
        names = [n for n in names if n in wanted]
    return names


def flags(name):
    """libFuzzer's flags of target name from its .options file ([libfuzzer] key = value)."""
    path = os.path.join(FUZZ_DIR, f"fuzz_{name}.options")
    out = {"timeout": "10"}
    if os.path.exists(path):
        cp = configparser.ConfigParser()
        cp.read(path)
        if cp.has_section("libfuzzer"):
            out.update(cp.items("libfuzzer"))
    if "dict" in out:
        out["dict"] = os.path.join(FUZZ_DIR, out["dict"])
    return out


def count_files(path):
    return sum(1 for n in os.listdir(path) if os.path.isfile(os.path.join(path, n)))


def parse_log(text):
    """Executions, exec/s, cov, ft and corpus size from libFuzzer's output."""
    r = {"execs": 0, "eps": 0, "cov": 0, "ft": 0, "corp": 0, "new": 0}
    for line in text.splitlines():
        m = STATUS.match(line)
        if m:
            r["execs"], r["cov"], r["ft"], r["corp"] = (int(m.group(i)) for i in range(1, 5))
        m = STAT.match(line)
        if m:
            key = {"number_of_executed_units": "execs", "average_exec_per_sec": "eps",
                   "new_units_added": "new"}.get(m.group(1))
            if key:
                r[key] = int(m.group(2))
    return r


def fuzz_one(build, name, seconds, scratch):
    """Fuzz name for seconds on a copy of its corpus in scratch; a dict of what happened."""
    binary = os.path.join(build, "tests", "fuzz", f"fuzz_{name}")
    if not os.access(binary, os.X_OK):
        sys.exit(f"fuzz: {binary} is missing; run make fuzz-build")
    work = os.path.join(scratch, name, "corpus")
    art = os.path.join(scratch, name, "artifacts")
    shutil.copytree(os.path.join(CORPUS_DIR, name), work)
    os.makedirs(art)
    opts = flags(name)
    cmd = [binary, f"-max_total_time={seconds}", "-print_final_stats=1",
           f"-artifact_prefix={art}/", "-error_exitcode=1", "-timeout_exitcode=1"]
    cmd += [f"-{k}={v}" for k, v in sorted(opts.items())]
    cmd.append(work)
    log_path = os.path.join(scratch, name, "log")
    started = time.monotonic()
    with open(log_path, "w") as log:
        try:
            # Its start (the API's loads the demo) and a last slow input on top of the time.
            rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=scratch,
                                env={**os.environ, **ENV}, timeout=seconds + 300).returncode
        except subprocess.TimeoutExpired:
            rc = "hung"
    with open(log_path, errors="replace") as f:
        text = f.read()
    found = sorted(n for n in os.listdir(art) if ARTIFACT.match(n))
    kept = os.path.join(build, "fuzz-artifacts", name)
    if found:
        os.makedirs(kept, exist_ok=True)
        for n in found:
            shutil.copy(os.path.join(art, n), os.path.join(kept, n))
    result = parse_log(text)
    result.update(name=name, binary=binary, rc=rc, seconds=round(time.monotonic() - started),
                  work=work, log=text, artifacts=[os.path.join(kept, n) for n in found],
                  opts=opts)
    return result


def merge(build, name, work=None):
    """Minimise tests/fuzz/corpus/NAME with the inputs of work (a run's corpus) added.

    The files named for what they are (seeds, inputs that once found a fault) all stay; of the
    files named by their SHA-1, as libFuzzer names what it finds, only those stay or join that
    reach a feature the named ones and the smaller others do not (-merge=1 into a folder that
    holds the named files).
    """
    corpus = os.path.join(CORPUS_DIR, name)
    binary = os.path.join(build, "tests", "fuzz", f"fuzz_{name}")
    opts = flags(name)
    with tempfile.TemporaryDirectory(prefix="salescoach-merge-") as scratch:
        kept = os.path.join(scratch, "kept")
        os.makedirs(kept)
        for n in os.listdir(corpus):
            if not SHA1_NAME.match(n):
                shutil.copy(os.path.join(corpus, n), os.path.join(kept, n))
        cmd = [binary, "-merge=1", f"-max_len={opts.get('max_len', 4096)}",
               f"-timeout={opts['timeout']}", kept, corpus] + ([work] if work else [])
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             errors="replace", env={**os.environ, **ENV}, cwd=scratch)
        if out.returncode != 0:
            print(out.stdout[-3000:])
            sys.exit(f"fuzz: merging into tests/fuzz/corpus/{name} failed")
        for n in os.listdir(corpus):
            if SHA1_NAME.match(n) and not os.path.exists(os.path.join(kept, n)):
                os.remove(os.path.join(corpus, n))
        for n in os.listdir(kept):
            if not os.path.exists(os.path.join(corpus, n)):
                shutil.copy(os.path.join(kept, n), os.path.join(corpus, n))


def failed(r):
    return r["rc"] != 0 or r["artifacts"]


def show_failure(r):
    lines = r["log"].splitlines()
    start = next((i for i, l in enumerate(lines) if REPORT_START.search(l)), max(0, len(lines) - 60))
    print(f"\n==== fuzz_{r['name']}: {'hung' if r['rc'] == 'hung' else 'found a fault'} "
          f"after {r['execs']} executions ====")
    print("\n".join(lines[start:start + 80]))
    for path in r["artifacts"]:
        data = open(path, "rb").read()
        print(f"\ninput: {os.path.relpath(path, ROOT)} ({len(data)} bytes)")
        print(f"  as base64: {base64.b64encode(data[:4096]).decode()}")
        print(f"  reproduce: {os.path.relpath(r['binary'], ROOT)} {os.path.relpath(path, ROOT)}")
        print(f"  once fixed, keep it as a test case: cp {os.path.relpath(path, ROOT)} "
              f"tests/fuzz/corpus/{r['name']}/")


def table(results, before=None, after=None):
    head = ["target", "seconds", "executions", "exec/s", "cov", "ft", "corpus", "result"]
    rows = []
    for r in results:
        corpus = str(r["corp"])
        if before is not None:
            corpus = f"{before[r['name']]} -> {after[r['name']]}"
        rows.append([f"fuzz_{r['name']}", str(r["seconds"]), str(r["execs"]), str(r["eps"]),
                     str(r["cov"]), str(r["ft"]), corpus,
                     "FAULT" if failed(r) else "ok"])
    return head, rows


def print_table(head, rows):
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    for row in [head] + rows:
        print("  ".join(x.ljust(w) if i == 0 else x.rjust(w)
                        for i, (x, w) in enumerate(zip(row, widths))))


def markdown(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def fuzz_all(build, names, seconds, jobs, scratch):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(fuzz_one, build, n, seconds, scratch) for n in names]
        return [f.result() for f in futures]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["check", "run", "merge"])
    ap.add_argument("--build", default="build-fuzz")
    ap.add_argument("--seconds", type=int)
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--budget", type=int, default=360)
    ap.add_argument("--only", default="")
    ap.add_argument("--report")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    names = targets(args.only)
    if args.command == "merge":
        for n in names:
            before = count_files(os.path.join(CORPUS_DIR, n))
            merge(build, n)
            print(f"fuzz_{n}: {before} -> {count_files(os.path.join(CORPUS_DIR, n))} files")
        return
    check = args.command == "check"
    seconds = args.seconds or (60 if check else 600)
    jobs = max(1, args.jobs or (2 if check else 1))

    if check:
        rounds = math.ceil(len(names) / jobs)
        if rounds * seconds > args.budget:
            seconds = max(10, args.budget // rounds)
            print(f"fuzz: {len(names)} targets, {jobs} at a time, within {args.budget} s: "
                  f"{seconds} s each")
    print(f"fuzz: {', '.join('fuzz_' + n for n in names)} for {seconds} s each, "
          f"{jobs} at a time")
    before = {n: count_files(os.path.join(CORPUS_DIR, n)) for n in names}
    with tempfile.TemporaryDirectory(prefix="salescoach-fuzz-") as scratch:
        results = fuzz_all(build, names, seconds, jobs, scratch)
        if not check:
            for r in results:
                merge(build, r["name"], r["work"])
    after = {n: count_files(os.path.join(CORPUS_DIR, n)) for n in names}
    for r in results:
        if failed(r):
            show_failure(r)
    print()
    head, rows = table(results, None if check else before, None if check else after)
    if not check:
        head = head[:-1] + ["crashes", "result"]
        for r, row in zip(results, rows):
            row.insert(len(row) - 1, str(len(r["artifacts"])))
    print_table(head, rows)
    if args.report:
        with open(args.report, "w") as f:
            f.write(markdown(head, rows))
    bad = [r for r in results if failed(r)]
    if bad:
        sys.exit(f"fuzz: {', '.join('fuzz_' + r['name'] for r in bad)} found faults (above)")


if __name__ == "__main__":
    main()
