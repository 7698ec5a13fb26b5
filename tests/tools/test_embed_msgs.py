#!/usr/bin/env python3
"""The catalogue check of the build (tools/embed_msgs.py) on small catalogues of its own:
it embeds two languages that agree, and refuses, naming the id, a language that lacks an id,
holds other placeholders, or defines an id twice; nothing is written on a refusal.

usage: test_embed_msgs.py PATH/TO/embed_msgs.py
"""
import json
import os
import subprocess
import sys
import tempfile

SCRIPT = sys.argv[1]


def run(catalogues):
    """Write catalogues {lang: {file: {id: text}}} to a temporary msg dir and run the script."""
    with tempfile.TemporaryDirectory() as tmp:
        for lang, files in catalogues.items():
            os.makedirs(os.path.join(tmp, "msg", lang))
            for name, data in files.items():
                with open(os.path.join(tmp, "msg", lang, name), "w", encoding="utf-8") as fh:
                    json.dump(data, fh)
        out = os.path.join(tmp, "out.c")
        p = subprocess.run([sys.executable, SCRIPT, out, os.path.join(tmp, "msg"),
                            os.path.join(tmp, "out.d")], capture_output=True, text=True)
        return p.returncode, p.stdout + p.stderr, os.path.exists(out)


def expect_refused(name, catalogues, mentions):
    rc, said, wrote = run(catalogues)
    if rc == 0 or mentions not in said or wrote:
        sys.exit(f"{name}: expected a refusal naming {mentions!r} and no output, "
                 f"got exit {rc}, output written: {wrote}: {said}")


GOOD = {"en": {"a.json": {"a.one": "one {n|item|items}", "a.two": "two"}},
        "nl": {"a.json": {"a.one": "een {n|ding|dingen}", "a.two": "twee"}}}

rc, said, wrote = run(GOOD)
if rc != 0 or not wrote:
    sys.exit(f"agreeing catalogues: exit {rc}: {said}")

expect_refused("an id missing in nl",
               {"en": GOOD["en"], "nl": {"a.json": {"a.one": "een {n|ding|dingen}"}}},
               "a.two is missing in nl")
expect_refused("an id missing in en",
               {"en": {"a.json": {"a.two": "two"}}, "nl": GOOD["nl"]},
               "a.one is missing in en")
expect_refused("other placeholders",
               {"en": GOOD["en"], "nl": {"a.json": {"a.one": "een {m}", "a.two": "twee"}}},
               "message a.one: placeholders")
expect_refused("an id twice in a language",
               {"en": GOOD["en"], "nl": {"a.json": GOOD["nl"]["a.json"],
                                         "b.json": {"a.two": "nog eens twee"}}},
               "a.two is defined twice")
print("ok")
