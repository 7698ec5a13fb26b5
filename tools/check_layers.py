#!/usr/bin/env python3
"""Check that every #include in src/ follows the order of the layers (src/README.md).

A file in src/FOLDER/ may include its own folder's headers and those of the folders that
FOLDER lists below; anything else is an include against the order and fails. Headers that
include each other in a circle fail too. Run by meson (`layers` test); prints each fault
as path:line: message, and nothing when all is well.
"""
import os
import re
import sys

# What each folder may include besides itself, lowest layer first.
ALLOWED = {
    "base": [],
    "model": ["base"],
    "store": ["base", "model"],
    "store/sqlite": ["base", "model", "store"],
    "store/postgres": ["base", "model", "store"],
    "http": ["base"],
    "domain": ["base", "model", "store"],
    "rules": ["base", "model", "store", "domain"],
    "plan": ["base", "model", "store", "domain", "rules"],
    "seed": ["base", "model", "store", "domain"],
    "exchange": ["base", "model", "store", "domain", "rules", "plan"],
    "api": ["base", "model", "store", "domain", "rules", "plan", "exchange", "http"],
    "web": ["base", "http", "api"],
    "cli": ["base", "model", "store", "domain", "rules", "plan", "exchange", "seed", "http", "api",
            "web"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def main():
    root = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "src")
    faults = []
    graph = {}
    for dirpath, _, names in os.walk(root):
        folder = os.path.relpath(dirpath, root).replace(os.sep, "/")
        for name in sorted(names):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, name)
            rel = folder + "/" + name if folder != "." else name
            if folder not in ALLOWED:
                faults.append(f"src/{rel}: the folder {folder} is not a layer of tools/check_layers.py")
                continue
            edges = graph.setdefault(rel, [])
            with open(path, encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    if "/" not in target:
                        faults.append(f"src/{rel}:{lineno}: include \"{target}\" by its folder "
                                      f"(\"{folder}/{target}\")")
                        continue
                    tfolder = target.rsplit("/", 1)[0]
                    if tfolder not in ALLOWED:
                        continue  # a generated or outside header
                    if tfolder != folder and tfolder not in ALLOWED[folder]:
                        faults.append(f"src/{rel}:{lineno}: {folder} may not include {target} "
                                      f"({folder} may include {', '.join(ALLOWED[folder]) or 'nothing'})")
                    edges.append(target)
    # Circles among headers, by depth-first search.
    state = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if not nxt.endswith(".h"):
                continue
            if state.get(nxt) == 1:
                faults.append("include circle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node.endswith(".h") and node not in state:
            visit(node, [])
    for f in faults:
        print(f)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
