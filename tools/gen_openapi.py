#!/usr/bin/env python3
"""Write docs/openapi.json, the OpenAPI 3.1 document of `salescoach serve`.

usage: gen_openapi.py [--check] [--source DIR]

The entity part (one set of paths and schemas per entity) is read from the
field tables of src/model/entity.c, so that the document follows the C
definitions: run this script after changing an entity and commit the result.
The rest of the API (login, me, alerts, logs, accounts) is written out below.

--check   write nothing; exit 1 when docs/openapi.json differs from what
          this script would write (the test suite runs this).
--source  the repository root (default: the parent of this script's folder).
"""
import argparse
import difflib
import json
import os
import re
import sys

# --------------------------------------------------------------------------
# Reading src/model/entity.c and src/model/entity.h

TOKEN = re.compile(
    r'\s+|/\*.*?\*/|//[^\n]*|(?P<str>"(?:\\.|[^"\\])*")|(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)'
    r"|(?P<id>[A-Za-z_]\w*)|(?P<punct>.)",
    re.S,
)


class Tok:
    def __init__(self, kind, text):
        self.kind, self.text = kind, text

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def tokenize(src):
    out = []
    for m in TOKEN.finditer(src):
        kind = m.lastgroup
        if not kind:
            continue  # space or comment
        text = m.group(kind)
        if kind == "str":
            text = bytes(text[1:-1], "utf-8").decode("unicode_escape")
        out.append(Tok(kind, text))
    return out


def fail(msg):
    sys.exit(f"gen_openapi.py: {msg}")


def braced(toks, i, open_="{", close="}"):
    """toks[i] is open_; return the index just past its matching close."""
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j]
        if t.kind == "punct" and t.text == open_:
            depth += 1
        elif t.kind == "punct" and t.text == close:
            depth -= 1
            if depth == 0:
                return j + 1
    fail("unbalanced braces in src/model/entity.c")


def split_args(toks):
    """Split a token list at commas outside parentheses and braces."""
    args, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "punct" and t.text in "({[":
            depth += 1
        elif t.kind == "punct" and t.text in ")}]":
            depth -= 1
        if t.kind == "punct" and t.text == "," and depth == 0:
            args.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        args.append(cur)
    return args


def arg_string(arg):
    """Adjacent string literals, or None for NULL."""
    if len(arg) == 1 and arg[0].kind == "id" and arg[0].text == "NULL":
        return None
    if not arg or any(t.kind != "str" for t in arg):
        fail(f"expected a string, found {arg}")
    return "".join(t.text for t in arg)


def arg_number(arg):
    text = "".join(t.text for t in arg)
    try:
        v = float(text)
    except ValueError:
        fail(f"expected a number, found {text}")
    return int(v) if v == int(v) else v


# The FF_* flags of src/model/entity.h and the short names src/model/entity.c gives some (REQ, ...).
FLAG_NAMES = set()
FLAG_ALIASES = {}


def arg_flags(arg):
    flags = set()
    for t in arg:
        if t.kind == "punct" and t.text == "|":
            continue
        if t.kind == "num" and t.text == "0":
            continue
        name = FLAG_ALIASES.get(t.text, t.text)
        if t.kind != "id" or name not in FLAG_NAMES:
            fail(f"unknown field flag {t.text}")
        flags.add(name)
    return flags


# The field macros of src/model/entity.c: their parameters, in order.
MACROS = {
    "TEXT": ("text", ["name", "flags", "max", "help"]),
    "INT": ("int", ["name", "flags", "min", "max", "default", "help"]),
    "REAL": ("real", ["name", "flags", "min", "max", "default", "help"]),
    "BOOL": ("bool", ["name", "flags", "default", "help"]),
    "DATE": ("date", ["name", "flags", "default", "help"]),
    "MONTH": ("month", ["name", "flags", "help"]),
    "INSTANT": ("datetime", ["name", "flags", "help"]),
    "EMAIL": ("email", ["name", "flags", "help"]),
    "ENUM": ("enum", ["name", "flags", "choices", "default", "help"]),
    "REF": ("ref", ["name", "flags", "ref", "help"]),
    "SKILLS": ("skills", ["name", "flags", "help"]),
    "CODE": ("code", ["name", "flags", "help"]),
}
# The maximum lengths the macros put in the field's max.
FIXED_MAX = {"email": 254, "skills": 1000, "code": 40}


def parse_field(name, args, choices):
    ftype, params = MACROS[name]
    if len(args) != len(params):
        fail(f"{name}(...) with {len(args)} arguments; expected {len(params)}")
    f = {"type": ftype, "min": None, "max": FIXED_MAX.get(ftype), "default": None,
         "choices": None, "ref": None}
    for param, arg in zip(params, args):
        if param in ("name", "help", "default"):
            f[param] = arg_string(arg)
        elif param == "flags":
            f["flags"] = arg_flags(arg)
        elif param in ("min", "max"):
            f[param] = arg_number(arg)
        elif param == "choices":
            key = arg[0].text
            if key not in choices:
                fail(f"field {f.get('name')}: unknown choice list {key}")
            f["choices"] = choices[key]
        elif param == "ref":
            f["ref"] = arg[0].text
    return f


def parse_entity_c(src, kinds):
    FLAG_ALIASES.update(re.findall(r"^#define\s+(\w+)\s+(FF_\w+)\s*$", src, re.M))
    toks = tokenize(src)
    choices, tables, defs = {}, {}, {}
    i = 0
    while i < len(toks):
        t = toks[i]
        # static const char *const NAME[] = { "a", "b", NULL };
        if (t.text == "static" and [x.text for x in toks[i + 1:i + 6]] ==
                ["const", "char", "*", "const", toks[i + 5].text] and toks[i + 6].text == "["):
            name = toks[i + 5].text
            start = next(j for j in range(i, len(toks)) if toks[j].text == "{")
            end = braced(toks, start)
            values = [arg_string(a) for a in split_args(toks[start + 1:end - 1])]
            if not values or values[-1] is not None or None in values[:-1]:
                fail(f"choice list {name} must end in NULL")
            choices[name] = values[:-1]
            i = end
            continue
        # static const struct field_def NAME[] = { MACRO(...), ... };
        if t.text == "static" and [x.text for x in toks[i + 1:i + 4]] == \
                ["const", "struct", "field_def"]:
            name = toks[i + 4].text
            start = next(j for j in range(i, len(toks)) if toks[j].text == "{")
            end = braced(toks, start)
            fields = []
            for entry in split_args(toks[start + 1:end - 1]):
                macro = entry[0].text
                if macro not in MACROS or entry[1].text != "(" or entry[-1].text != ")":
                    fail(f"{name}: entry {entry[0].text} is not one of the field macros")
                fields.append(parse_field(macro, split_args(entry[2:-1]), choices))
            tables[name] = fields
            i = end
            continue
        # static const struct entity_def defs[E_COUNT] = { ... };
        if t.text == "static" and [x.text for x in toks[i + 1:i + 5]] == \
                ["const", "struct", "entity_def", "defs"]:
            start = next(j for j in range(i, len(toks)) if toks[j].text == "{")
            end = braced(toks, start)
            for entry in split_args(toks[start + 1:end - 1]):
                if entry[0].text in ("DEF", "LOG"):
                    args = split_args(entry[2:-1])
                    eflags = set() if entry[0].text == "DEF" else {"EF_READONLY"}
                elif entry[0].text == "[":
                    body = entry[entry.index(next(x for x in entry if x.text == "{")):]
                    args = split_args(body[1:-1])
                    # EF_UNDATED is how a record is stored, not who may reach it.
                    eflags = {x.text for x in args[8] if x.kind == "id"} - {"EF_UNDATED"}
                else:
                    fail(f"defs: unexpected entry {entry[0].text}")
                kind = args[0][0].text
                table = args[5][0].text
                if table not in tables:
                    fail(f"{kind}: unknown field table {table}")
                defs[kind] = {"kind": kind, "name": arg_string(args[1]),
                              "plural": arg_string(args[2]), "help": arg_string(args[4]),
                              "fields": tables[table], "eflags": eflags}
            i = end
            continue
        i += 1
    missing = [k for k in kinds if k not in defs]
    if missing:
        fail(f"no definition found for {', '.join(missing)}")
    out = [defs[k] for k in kinds]
    by_kind = {d["kind"]: d for d in out}
    for d in out:
        for f in d["fields"]:
            if f["ref"] is not None:
                if f["ref"] not in by_kind:
                    fail(f"{d['name']}.{f['name']}: unknown entity {f['ref']}")
                f["ref"] = by_kind[f["ref"]]
    return out, choices


def parse_flags(header):
    FLAG_NAMES.update(re.findall(r"^#define\s+(FF_\w+)\s+0x[0-9a-fA-F]+u?\b", header, re.M))
    if "FF_REQUIRED" not in FLAG_NAMES:
        fail("src/model/entity.h: no FF_REQUIRED flag")


def parse_kinds(header):
    m = re.search(r"enum\s+entity_kind\s*\{(.*?)\}", header, re.S)
    if not m:
        fail("src/model/entity.h: enum entity_kind not found")
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    kinds = [k.strip() for k in body.split(",") if k.strip()]
    if kinds[-1] != "E_COUNT":
        fail("src/model/entity.h: enum entity_kind must end in E_COUNT")
    return kinds[:-1]


# --------------------------------------------------------------------------
# Building the document

def article(name):
    return "an" if name[0] in "aeiou" else "a"


def camel(name):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[-_]", name))


def ref(kind, name):
    return {"$ref": f"#/components/{kind}/{name}"}


def nullable(t, field):
    return t if "FF_REQUIRED" in field["flags"] else [t, "null"]


JSON_TYPES = {"text": "string", "email": "string", "date": "string", "datetime": "string",
              "month": "string", "skills": "string", "code": "string", "int": "integer",
              "real": "number", "bool": "boolean", "enum": "string", "ref": "integer"}

PRIVATE_NOTE = ("Private coaching content: present only for the coach and coachee of the "
                "relationship.")

# PRODUCT.md "People and roles": the entities whose every record is private coaching content
# (domain_private_only in src/domain/domain_access.c).
PRIVATE_ENTITIES = {"plan", "action", "observation", "self-assessment"}

# Entities whose records their writer may not be able to read back (anonymous survey answers:
# src/domain/domain_access.c); adding one answers only its id to such a writer.
WRITE_ONLY = {"survey"}

# Password lengths (src/domain/account.h).
PASSWORD_MAX = 1024

INSTANT_INPUT = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$"


def default_value(field):
    d = field["default"]
    if d is None or d == "@today":
        return None
    if field["type"] == "bool":
        return d == "true"
    if field["type"] in ("int", "real"):
        v = float(d)
        return int(v) if v == int(v) else v
    return d


def field_schema(field, mode, null_ok):
    """The schema of one field. mode: "out" (a response), "in" (a request body), "query"."""
    ftype = field["type"]
    jtype = JSON_TYPES[ftype]
    s = {"type": [jtype, "null"] if null_ok else jtype}
    desc = field["help"][:1].upper() + field["help"][1:] + "."
    if ftype in ("date",):
        s["format"] = "date"
    elif ftype == "datetime":
        if mode == "out":
            s["format"] = "date-time"
            desc += " Sent in UTC, YYYY-MM-DDTHH:MM:SSZ."
        else:
            s["pattern"] = INSTANT_INPUT
            desc += (" Accepted: YYYY-MM-DDTHH:MM[:SS] in the organisation's time zone, or "
                     "with Z or an offset. A local time that does not exist in the zone (the "
                     "clocks go forward over it) or happens twice (they go back over it) is "
                     "refused (422): give the offset.")
    elif ftype == "month":
        s["pattern"] = r"^\d{4}-\d{2}$"
    elif ftype == "email":
        s["format"] = "email"
        s["maxLength"] = field["max"]
        desc += " Stored in lower case."
    elif ftype == "code":
        s["pattern"] = "^[a-z][a-z0-9_]*$"
        s["maxLength"] = field["max"]
    elif ftype == "skills":
        s["maxLength"] = field["max"]
        desc += " Each code must exist in the framework (GET /api/skills)."
    elif ftype == "text":
        s["maxLength"] = field["max"]
    elif ftype in ("int", "real"):
        s["minimum"] = field["min"]
        s["maximum"] = field["max"]
    elif ftype == "enum":
        s["enum"] = list(field["choices"]) + ([None] if null_ok else [])
    elif ftype == "ref":
        target = field["ref"]
        s["minimum"] = 1
        desc += f" Refers to {article(target['name'])} {target['name']}"
        if not target["eflags"]:
            desc += f" (GET /api/{target['plural']}/{{id}})"
        desc += "."
        if mode == "in" and target["name"] in ("person", "coach"):
            s["type"] = ["integer", "string", "null"] if null_ok else ["integer", "string"]
            s["format"] = "email"
            desc += (" Or the e-mail address of " +
                     ("the person" if target["name"] == "person" else "the coach's person") +
                     " (answered with the id).")
    if mode == "in":
        if jtype == "string":
            s["minLength"] = 1
        d = default_value(field)
        if d is not None:
            s["default"] = d
        elif field["default"] == "@today":
            desc += " Default: today in the organisation's time zone."
    if field["name"] == "override_reason" and mode == "out":
        desc = "Why the record was stored although it made a pitfall likely."
    elif field["name"] == "override_reason" and mode == "in":
        desc = ("Why the change is stored although it makes a pitfall likely: send it only after "
                "a 409 that explains the pitfall (for a supervision, the 422 that refuses a "
                "reviewer who is not the manager's superior); the alert still fires. Refused "
                "(422) when nothing is refused; once stored it cannot be emptied.")
    if "FF_UNIQUE" in field["flags"] and mode != "query" and "unique" not in desc:
        desc += " Unique in the organisation."
    if "FF_PRIVATE" in field["flags"] and mode != "query":
        desc += " " + PRIVATE_NOTE
    s = {"description": desc, **s}
    return s


def entity_schemas(d):
    """Output, input and patch schemas of an entity."""
    name = camel(d["name"])
    out_props = {"id": {"description": f"Id of the {d['name']}.", "type": "integer",
                        "minimum": 1, "readOnly": True}}
    out_req = ["id"]
    in_props, in_req, patch_props = {}, [], {}
    for f in d["fields"]:
        required = "FF_REQUIRED" in f["flags"]
        out_props[f["name"]] = field_schema(f, "out", not required)
        if "FF_PRIVATE" not in f["flags"]:
            out_req.append(f["name"])
        in_props[f["name"]] = field_schema(f, "in", not required)
        # A required field with a default is filled in when not given.
        if required and f["default"] is None:
            in_req.append(f["name"])
        if "FF_FIXED" not in f["flags"]:
            patch_props[f["name"]] = field_schema(f, "in", not required)
    out_desc = (f"{article(d['name']).capitalize()} {d['name']} ({d['help']}). Fields without a "
                "value are null.")
    if d["name"] in PRIVATE_ENTITIES:
        out_desc += (" Every record is private coaching content: it exists only for the coach "
                     "and the coachee of the relationship; everyone else gets 404.")
    elif any("FF_PRIVATE" in f["flags"] for f in d["fields"]):
        out_desc += (" The private fields are left out for everyone but the coach and the "
                     "coachee of the relationship.")
    schemas = {
        name: {"type": "object", "description": out_desc, "properties": out_props,
               "required": out_req},
    }
    if d["eflags"]:
        return schemas
    fixed = [f["name"] for f in d["fields"] if "FF_FIXED" in f["flags"]]
    in_desc = (f"A new {d['name']}. Unknown fields are refused (422); a field left out gets its "
               "default or stays empty. Text is never \"\": send null or leave the field out.")
    patch_desc = (f"A change to {article(d['name'])} {d['name']}: any subset of its fields; "
                  "null empties an optional field (\"\" is refused).")
    if fixed:
        patch_desc += " Cannot change once added: " + ", ".join(fixed) + "."
    schemas[name + "Input"] = {"type": "object", "description": in_desc, "properties": in_props,
                               "required": in_req, "additionalProperties": False}
    schemas[name + "Patch"] = {"type": "object", "description": patch_desc,
                               "properties": patch_props, "additionalProperties": False}
    return schemas


def page_schema(item_ref, what):
    return {
        "type": "object",
        "description": f"A page of {what}.",
        "properties": {
            "items": {"type": "array", "items": item_ref},
            "limit": {"type": "integer", "description": "The limit applied."},
            "offset": {"type": "integer", "description": "The offset applied."},
            "total": {"type": "integer", "description": "How many records match in all."},
        },
        "required": ["items", "limit", "offset", "total"],
    }


def list_parameters(d):
    # Sorting by private content would reveal it: the server refuses it (422).
    names = ["id"] + [f["name"] for f in d["fields"] if "FF_PRIVATE" not in f["flags"]]
    params = [ref("parameters", "Limit"), ref("parameters", "Offset"),
              {"name": "order", "in": "query", "required": False,
               "description": "The field to sort by (default: id).",
               "schema": {"type": "string", "enum": names, "default": "id"}},
              ref("parameters", "Desc"), ref("parameters", "Lang")]
    if any("FF_PRIVATE" in f["flags"] for f in d["fields"]):
        params.append({
            "name": "content", "in": "query", "required": False,
            "description": "false: leave out every private field, even where the caller may "
                           "read it (dates, kinds and counts only); nothing is read of the "
                           "content, so nothing goes to the coachee's access log. For a page "
                           "that shows activity, not what was said.",
            "schema": {"type": "boolean", "default": True}})
    # The date range, on the kind's first listed date, time or month (entity_when).
    when = next((f for f in d["fields"] if "FF_LIST" in f["flags"]
                 and not {"FF_PRIVATE", "FF_SECRET"} & f["flags"]
                 and f["type"] in ("date", "datetime", "month")), None)
    if when:
        form, pattern = (("YYYY-MM", r"^[0-9]{4}-[0-9]{2}$") if when["type"] == "month"
                         else ("YYYY-MM-DD", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
        local = (" (a day in the organisation's time zone)" if when["type"] == "datetime"
                 else "")
        for name, side in (("from", "on or after"), ("to", "on or before")):
            params.append({"name": name, "in": "query", "required": False,
                           "description": f"Only records whose {when['name']} is {side} "
                                          f"this {form}{local}.",
                           "schema": {"type": "string", "pattern": pattern}})
    # A filter per listed field; none on private content (refused with 422).
    for f in d["fields"]:
        if "FF_LIST" not in f["flags"] or "FF_PRIVATE" in f["flags"]:
            continue
        if f["name"] in ("limit", "offset", "order", "desc", "lang", "from", "to"):
            fail(f"{d['name']}.{f['name']}: a listed field cannot be called like a list parameter")
        params.append({"name": f["name"], "in": "query", "required": False,
                       "description": f"Only records whose {f['name']} equals this value"
                                      + ("" if "FF_REQUIRED" in f["flags"] else
                                         "; empty: only those without one") + ".",
                       "schema": field_schema(f, "query", False)})
    return params


def json_body(schema, description=None):
    body = {"content": {"application/json": {"schema": schema}}}
    if description:
        body = {"description": description, **body}
    return body


def errors(*codes):
    names = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
             409: "Conflict", 413: "TooLarge", 415: "UnsupportedMediaType", 422: "Unprocessable",
             429: "TooManyRequests"}
    out = {str(c): ref("responses", names[c]) for c in codes}
    out["default"] = ref("responses", "Error")
    return out


def refused_before_routing(paths):
    """Add what every request can be refused for before its route is known: a malformed query
    (422) on every operation, and a body not sent as JSON (415) on every one but GET."""
    for item in paths.values():
        for method, o in item.items():
            if method == "parameters":
                continue
            r = o["responses"]
            r.setdefault("422", ref("responses", "Unprocessable"))
            if method != "get":
                r.setdefault("415", ref("responses", "UnsupportedMediaType"))
            o["responses"] = dict(sorted(r.items(), key=lambda kv: (kv[0] == "default", kv[0])))


def op(op_id, summary, tag, responses, description=None, params=None, body=None,
       security=None, csrf=False):
    o = {"operationId": op_id, "summary": summary, "tags": [tag]}
    if description:
        o["description"] = description
    ps = list(params or [])
    if csrf:
        ps.append(ref("parameters", "CsrfToken"))
    if ps:
        o["parameters"] = ps
    if body is not None:
        o["requestBody"] = {"required": True, **json_body(body)}
    o["responses"] = responses
    if security is not None:
        o["security"] = security
    return o


def entity_paths(d):
    name, plural, cname = d["name"], d["plural"], camel(d["name"])
    cplural = camel(plural)
    private = d["name"] in PRIVATE_ENTITIES
    one = ref("schemas", cname)
    seen = (" Lists only the records of the caller's own coaching relationships."
            if private else "")
    item_404 = (f"The {name} with this id. 404 when the caller's organisation has none"
                + (", or when the caller is not the coach or the coachee of its relationship."
                   if private else "."))
    list_op = op(f"list{cplural}", f"List {plural}", plural,
                 {"200": json_body(ref("schemas", cname + "List"), f"A page of {plural}."),
                  **errors(401, 403, 422)},
                 description=f"{d['help'][:1].upper() + d['help'][1:]}, a page at a time, "
                             "filtered by any of the listed fields." + seen,
                 params=list_parameters(d))
    created, created_desc = one, f"The {name} as stored."
    if name in WRITE_ONLY:
        created = {"anyOf": [one, ref("schemas", "CreatedId")]}
        created_desc += f" Only its id for a caller who may not read {plural}."
    create = op(f"create{cname}", f"Add {article(name)} {name}", plural,
                {"201": {"description": created_desc,
                         "headers": {"X-Salescoach-Warning": ref("headers", "Warning")},
                         **json_body(created)},
                 **errors(400, 401, 403, 409, 413, 422)},
                description=f"Adds {article(name)} {name}. 409 when a unique field is already "
                            "taken" + (", or when the record would make a pitfall likely and "
                                       "no override_reason is given."
                                       if "override_reason" in [f["name"] for f in d["fields"]]
                                       else ".")
                            + (" 422 on reviewer when the reviewer is neither the manager's "
                               "superior nor the reviewer the organisation names (setting "
                               "supervision_reviewer) and no override_reason is given."
                               if name == "supervision" else ""),
                body=ref("schemas", cname + "Input"), csrf=True)
    get = op(f"get{cname}", f"Get {article(name)} {name}", plural,
             {"200": json_body(one, f"The {name}."), **errors(401, 403, 404)},
             description=item_404)
    patch = op(f"update{cname}", f"Change {article(name)} {name}", plural,
               {"200": {"description": f"The {name} as stored after the change.",
                        "headers": {"X-Salescoach-Warning": ref("headers", "Warning")},
                        **json_body(one)},
                **errors(400, 401, 403, 404, 409, 413, 422)},
               description="Changes the fields given and leaves the others as they are.",
               body=ref("schemas", cname + "Patch"), csrf=True)
    delete = op(f"delete{cname}", f"Remove {article(name)} {name}", plural,
                {"204": {"description": f"The {name} is removed."},
                 **errors(401, 403, 404, 409)},
                description="409 when other records refer to it: remove or change those first.",
                csrf=True)
    return {
        f"/api/{plural}": {"get": list_op, "post": create},
        f"/api/{plural}/{{id}}": {"parameters": [ref("parameters", "Id")], "get": get,
                                  "patch": patch, "delete": delete},
    }


def log_path(d, path, tag, op_id, summary, description):
    cname = camel(d["name"])
    return {path: {"get": op(op_id, summary, tag,
                             {"200": json_body(ref("schemas", cname + "List"), "A page."),
                              **errors(401, 403, 422)},
                             description=description, params=list_parameters(d))}}


INFO_DESCRIPTION = """\
The JSON API of salescoach, served by `salescoach serve`. The web interface and the command line \
apply the same rules.

**Authentication.** `POST /api/login` answers with a session cookie `sc_session` (HttpOnly, \
SameSite=Strict, 8 hours) and a CSRF token: every POST, PATCH, PUT or DELETE made with the cookie \
must carry that token in the header `X-CSRF-Token`. Scripts use an API token instead \
(`Authorization: Bearer <token>`, made with `POST /api/me/tokens`), which needs no CSRF token.

**Who sees what.** Every record belongs to the caller's organisation; nothing of another \
organisation is ever visible.
- `admin`: configuration, everyone's activity (dates, hours, counts), alerts, the audit and \
access logs; never private coaching content.
- `executive`: aggregates only, never of a group smaller than k people (default 5).
- `manager`: the own team's activity; writes appraisals of the own reps.
- `coach` (a manager, senior, internal or external coach): the content of the own coaching \
relationships.
- `rep`: the own coaching record, the own appraisals, and who read the own coaching record \
(`GET /api/me/access-log`).

*Private coaching content* (session notes and agendas, coaching plans and goals, action items, \
ride-along observations, self-assessments) is visible to the coach and the coachee of the \
relationship only: not to an administrator, an executive, nor the coachee's manager when the \
manager is not the coach. Private fields are left out of the records others read; plans, action \
items, observations and self-assessments answer 404 to everyone but the two parties. Every read \
of private content is logged in the access log.

**Requests.** A body is JSON, sent with `Content-Type: application/json` (parameters allowed; a \
charset must be utf-8): any other body, and no Content-Type where a body is read, is refused \
with 415. A resource has one spelling: no empty, `.` or `..` segment, no trailing `/`, no \
percent-escape in a path (an alert id goes as it is), and ids in decimal without sign or \
leading zero; any other spelling is 404, never a redirect. A query names each parameter once, at \
most 64, each name and value well percent-escaped UTF-8; otherwise 422. HEAD is answered as GET \
without the body.

**Errors.** Every error answers `{"error": {"code", "message", "field"}}`; the message says what \
to send instead.
"""


def parse_settings_c(src):
    """The settings of src/domain/settings.c: [(key, type, min, max, default)] in order."""
    out = []
    for m in re.finditer(r'\{\s*"([a-z_]+)",\s*(ST_[A-Z]+),\s*([-0-9.e]+),\s*([-0-9.e]+),'
                         r'\s*[a-z_A-Z]+,\s*"([^"]*)"\s*\}', src):
        out.append((m.group(1), m.group(2), float(m.group(3)), float(m.group(4)), m.group(5)))
    if not out:
        fail("src/domain/settings.c: no settings found")
    return out


def settings_path(settings):
    """GET and PATCH /api/settings, with every setting of src/domain/settings.c."""
    def value_schema(kind, lo, hi, dflt):
        if kind == "ST_INT":
            return {"type": "integer", "minimum": int(lo), "maximum": int(hi),
                    "default": int(dflt)}
        if kind == "ST_REAL":
            return {"type": "number", "minimum": lo, "maximum": hi, "default": float(dflt)}
        return {"type": "string", "default": dflt}
    change = {"type": "object", "additionalProperties": False,
              "description": "The settings to change, by key: numbers as JSON numbers (or "
                             "their text), the others as text.",
              "properties": {k: value_schema(t, lo, hi, d) for k, t, lo, hi, d in settings}}
    item = {"type": "object",
            "required": ["key", "type", "value", "default", "min", "max", "choices", "unit",
                         "help", "editable"],
            "properties": {
                "key": {"type": "string", "enum": [k for k, *_ in settings]},
                "type": {"type": "string", "enum": ["integer", "number", "choice", "timezone",
                                                    "text"]},
                "value": {"type": ["integer", "number", "string"],
                          "description": "The organisation's value (the default when unset)."},
                "default": {"type": ["integer", "number", "string"]},
                "min": {"type": ["number", "null"], "description": "Null unless a number."},
                "max": {"type": ["number", "null"], "description": "Null unless a number."},
                "choices": {"type": "array", "items": {"type": "string"},
                            "description": "The values allowed of a choice; else empty."},
                "unit": {"type": ["string", "null"],
                         "enum": ["days", "months", "percent", "hours", None],
                         "description": "Null for a count or a text."},
                "help": {"type": "string",
                         "description": "What the setting is for, in the caller's language."},
                "editable": {"type": "boolean",
                             "description": "Whether an administrator may set it: false for "
                                            "smtp_url, smtp_from and smtp_user when the "
                                            "server's operator allows organisations no mail "
                                            "server of their own "
                                            "(SALESCOACH_SMTP_ORG_SERVERS=deny); setting one "
                                            "then answers 422 (emptying it is allowed)."},
            }}
    answer = json_body({"type": "object", "required": ["settings"],
                        "properties": {"settings": {"type": "array", "items": item}}},
                       "Every setting, in the order of `salescoach org show`.")
    return {
        "get": op("getSettings", "The organisation's settings", "settings",
                  {"200": answer, **errors(401, 403)},
                  description="Administrators only: every setting with its value, default, "
                              "range and what it is for, as `salescoach org show` lists them.",
                  params=[ref("parameters", "Lang")]),
        "patch": op("changeSettings", "Change settings", "settings",
                    {"200": answer, **errors(400, 401, 403, 422)},
                    description="Administrators only. Each value is checked as "
                                "`salescoach org set` checks it; all are stored or, when one "
                                "is refused (422 naming its key as field: unknown, of the "
                                "wrong type or out of range), none. Each value changed is an "
                                "entry of the audit log (entity `setting`, before and after). "
                                "The answer is every setting, as GET gives it.",
                    body=change, params=[ref("parameters", "Lang")], csrf=True),
    }


def calendar_part(paths, schemas):
    """The calendar feeds (docs/calendar.md): the caller's feed, the feed itself, one session."""
    ics = {"text/calendar": {"schema": {"type": "string",
                                        "description": "An iCalendar (RFC 5545) VCALENDAR."}}}
    no_store = {"Cache-Control": {"description": "Always no-store.",
                                  "schema": {"type": "string", "const": "no-store"}}}
    schemas["CalendarFeed"] = {
        "type": "object",
        "properties": {"active": {"type": "boolean",
                                  "description": "Whether the caller has a feed."},
                       "created_at": {"type": ["string", "null"], "format": "date-time",
                                      "description": "When its address was made (UTC)."}},
        "required": ["active", "created_at"],
        "description": "The caller's calendar feed, never its secret.",
    }
    schemas["CreatedCalendarFeed"] = {
        "type": "object",
        "properties": {"active": {"type": "boolean", "const": True},
                       "created_at": {"type": "string", "format": "date-time"},
                       "url": {"type": "string",
                               "description": "The feed's address as the caller reached the "
                                              "server, shown this once: subscribe to it."},
                       "path": {"type": "string",
                                "description": "The same address from /api on."},
                       "secret": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                                  "description": "The secret in the address, shown this "
                                                 "once."}},
        "required": ["active", "created_at", "url", "path", "secret"],
    }
    paths["/api/me/calendar"] = {
        "get": op("getMyCalendar", "Whether the caller has a calendar feed", "calendar",
                  {"200": json_body(ref("schemas", "CalendarFeed"), "The caller's feed."),
                   **errors(401, 422)},
                  description="Never the secret: it is shown once, when it is made."),
        "post": op("rotateMyCalendar", "Make or replace the caller's calendar feed", "calendar",
                   {"201": json_body(ref("schemas", "CreatedCalendarFeed"),
                                     "The new address, shown this once."),
                    **errors(400, 401, 403, 422)},
                   description="Makes the caller's feed, or replaces it: the old address then "
                               "answers 404. No body, or an empty JSON object. The caller's "
                               "security log records it.", csrf=True),
        "delete": op("stopMyCalendar", "Stop the caller's calendar feed", "calendar",
                     {"204": {"description": "The address no longer answers."},
                      **errors(401, 403, 404)},
                     description="404 when the caller has no feed.", csrf=True),
    }
    paths["/api/calendar/{id}"] = {"get": op(
        "getCalendarFeed", "A person's calendar feed", "calendar",
        {"200": {"description": "The sessions the feed's owner is party to, from 90 days ago "
                                "on: start, end, kind and the other party; never an agenda, "
                                "notes or any other private field.",
                 "headers": no_store, "content": ics},
         **errors(404, 422)},
        description="No login: the secret in the address is the credential (made with "
                    "POST /api/me/calendar). Each event has a stable UID, a SEQUENCE that "
                    "grows with every change of the session, and STATUS:CANCELLED for a "
                    "cancelled one. 404 for an address replaced or stopped, or whose owner "
                    "is no longer active.",
        params=[{"name": "id", "in": "path", "required": True,
                 "description": "The feed's secret followed by .ics.",
                 "schema": {"type": "string", "pattern": "^[0-9a-f]{64}\\.ics$"}},
                ref("parameters", "Lang")],
        security=[])}
    paths["/api/sessions/{id}/ics"] = {"get": op(
        "getSessionIcs", "One session as a calendar invitation", "calendar",
        {"200": {"description": "A VCALENDAR with the one event, as the feed has it.",
                 "headers": no_store, "content": ics},
         **errors(401, 404)},
        description="For the session's coach and coachee only: 404 for anyone else, as for a "
                    "session that does not exist.",
        params=[ref("parameters", "Id")])}
    return {"name": "calendar", "description": "Calendar feeds of the sessions a person is "
                                               "party to (docs/calendar.md)."}
def import_path():
    """POST /api/imports: a CSV file as the body or in a form (src/api/api_import.c)."""
    def flag(name, what):
        return {"name": name, "in": "query", "required": False,
                "schema": {"type": "boolean", "default": False}, "description": what}
    bad = {"type": "object", "required": ["line", "column", "reason"],
           "properties": {"line": {"type": "integer", "minimum": 1,
                                   "description": "The line of the file where the row starts "
                                                  "(1 is the header)."},
                          "column": {"type": "string",
                                     "description": "The file's column, \"\" for the row."},
                          "reason": {"type": "string",
                                     "description": "What is wrong and how to fix it, in the "
                                                    "caller's language."}}}
    count = {"type": "integer", "minimum": 0}
    report = {"type": "object",
              "required": ["kind", "added", "updated", "unchanged", "bad", "dry_run",
                           "committed", "more_bad", "bad_lines"],
              "properties": {
                  "kind": {"type": "string", "enum": ["people", "teams", "results", "sessions"]},
                  "added": count, "updated": count, "unchanged": count,
                  "bad": {**count, "description": "Rows refused."},
                  "dry_run": {"type": "boolean"},
                  "committed": {"type": "boolean",
                                "description": "Whether anything was stored."},
                  "more_bad": {**count, "description": "Bad rows beyond the 100 listed."},
                  "bad_lines": {"type": "array", "maxItems": 100, "items": bad}}}
    csv_file = ("The CSV file: UTF-8 (a byte order mark is allowed), ',' or ';', its first "
                "line naming the columns.")
    csv_body = {"required": True,
                "description": "The CSV file as the body (text/csv), or a form "
                               "(multipart/form-data) with the file in the part file and, "
                               "optionally, one's own mapping in the part map.",
                "content": {
                    "text/csv": {"schema": {"type": "string", "description": csv_file}},
                    "multipart/form-data": {
                        "schema": {"type": "object", "required": ["file"],
                                   "additionalProperties": False,
                                   "properties": {
                                       "file": {"type": "string", "format": "binary",
                                                "description": csv_file},
                                       "map": {"type": "string", "format": "binary",
                                               "description": "One's own mapping: two columns "
                                               "a line, their column then ours, ',' or ';', "
                                               "'#' for a comment. Not with the query's map."}}},
                        "encoding": {"file": {"contentType": "text/csv, application/octet-stream"},
                                     "map": {"contentType": "text/csv, application/octet-stream"}}}}}
    o = op("importCsv", "Import people, teams, sales results or sessions from CSV", "imports",
           {"200": json_body(report, "The file was imported (or only checked, dry_run)."),
            "422": json_body({"allOf": [ref("schemas", "Error"), {"anyOf": [
                report, {"type": "object", "not": {"required": ["bad_lines"]}}]}]},
                "Nothing was imported because of the bad lines listed: the report with an "
                "error (code invalid) beside it; or an error alone: a bad query parameter, an "
                "unknown mapping name, a mapping that is not one (field map), a file that "
                "cannot be imported at all (field file: an Excel workbook, a header without a "
                "required column)."),
            **errors(400, 401, 403, 413, 415)},
           description="Administrators only. The body is the CSV file itself, sent as "
                       "text/csv, or a form (multipart/form-data) with the file in the part "
                       "file and, optionally, one's own mapping in the part map, as a browser "
                       "sends a FormData; a form without the part file, or not well formed, is "
                       "400. These are the only bodies that are not JSON; a cookie session "
                       "still sends its CSRF token in the X-CSRF-Token header. All or nothing: "
                       "with any bad line nothing is imported, unless skip_bad. A record that "
                       "exists is updated, never added twice. Bodies are limited to 1 MiB; "
                       "import larger files with `salescoach import`. docs/import.md "
                       "describes the columns and the mappings.",
           params=[{"name": "kind", "in": "query", "required": True,
                    "schema": {"type": "string",
                               "enum": ["people", "teams", "results", "sessions"]}},
                   {"name": "map", "in": "query", "required": False,
                    "schema": {"type": "string", "enum": ["salesforce", "hubspot"]},
                    "description": "A shipped mapping of a CRM's columns to ours "
                                   "(share/mappings/): for people and results. Another name, "
                                   "or another kind, is 422 on field map."},
                   flag("skip_bad", "Import the good lines and report the bad ones."),
                   flag("dry_run", "Check only: nothing is stored.")],
           csrf=True)
    o["requestBody"] = csv_body
    return {"post": o}


def build(entities, choices, settings):
    by_name = {d["name"]: d for d in entities}
    public = [d for d in entities if not d["eflags"]]
    for n in PRIVATE_ENTITIES:
        if n not in by_name:
            fail(f"PRIVATE_ENTITIES names {n}, which src/model/entity.c does not define")
    models = choices["models"]
    account_roles = by_name["account"]["fields"][
        [f["name"] for f in by_name["account"]["fields"]].index("role")]["choices"]
    ack_reason = next(f for f in by_name["ack"]["fields"] if f["name"] == "reason")
    token_name = next(f for f in by_name["token"]["fields"] if f["name"] == "name")

    schemas = {}
    s = schemas
    s["Error"] = {
        "type": "object",
        "description": "The body of every answer that is not 2xx.",
        "properties": {"error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "What went wrong, for programs.",
                         "enum": ["invalid", "bad_request", "unauthorized", "forbidden",
                                  "not_found", "method_not_allowed", "conflict", "too_large",
                                  "uri_too_long", "unsupported_media_type",
                                  "headers_too_large", "timeout", "rate_limited", "internal",
                                  "unavailable", "version_not_supported"]},
                "message": {"type": "string",
                            "description": "What went wrong and what to send instead, for "
                                           "people."},
                "field": {"type": ["string", "null"],
                          "description": "The field or parameter at fault, or null."},
                "override": {
                    "type": "object",
                    "description": "Only on a refusal for a pitfall of the coaching model "
                                   "that may be overridden (409, or 422 where the change is "
                                   "invalid for the model): send the same change again with "
                                   "this field set to why it is right here; the reason is "
                                   "stored with the record and in the audit log.",
                    "properties": {
                        "field": {"type": "string", "enum": ["override_reason"]},
                        "hint": {"type": "string",
                                 "description": "How to override, for people, in the "
                                                "caller's language."},
                    },
                    "required": ["field", "hint"],
                },
            },
            "required": ["code", "message", "field"],
        }},
        "required": ["error"],
    }
    s["PersonSummary"] = {
        "type": "object", "description": "A person, by name.",
        "properties": {"id": {"type": "integer", "minimum": 1},
                       "name": {"type": "string"},
                       "email": {"type": "string", "format": "email"}},
        "required": ["id", "name", "email"],
    }
    s["Role"] = {"type": "string", "enum": ["admin", "executive", "manager", "coach", "rep"],
                 "description": "A role of the caller: admin and executive are given with the "
                                "account; manager, coach and rep follow from the data."}
    s["Login"] = {
        "type": "object",
        "properties": {"email": {"type": "string", "format": "email", "maxLength": 254},
                       "password": {"type": "string", "maxLength": PASSWORD_MAX},
                       "organisation": {"type": "string", "maxLength": 63,
                                        "description": "The organisation's short name: only "
                                                       "needed when the address has an account "
                                                       "in more than one. Without it the "
                                                       "password is checked against the "
                                                       "account of the first (the oldest "
                                                       "organisation)."}},
        "required": ["email", "password"], "additionalProperties": False,
    }
    s["LoginResult"] = {
        "type": "object",
        "properties": {"person": ref("schemas", "PersonSummary"),
                       "roles": {"type": "array", "items": ref("schemas", "Role")},
                       "csrf_token": {"type": "string",
                                      "description": "Send it as X-CSRF-Token with every "
                                                     "state-changing request made with the "
                                                     "cookie."}},
        "required": ["person", "roles", "csrf_token"],
    }
    s["Me"] = {
        "type": "object",
        "properties": {"person": ref("schemas", "PersonSummary"),
                       "roles": {"type": "array", "items": ref("schemas", "Role")},
                       "organisation": {"type": "object",
                                        "properties": {"id": {"type": "integer"},
                                                       "name": {"type": "string"},
                                                       "timezone": {
                                                           "type": "string",
                                                           "examples": ["Europe/Amsterdam"]},
                                                       "today": {"type": "string",
                                                                 "format": "date"}},
                                        "required": ["id", "name", "timezone", "today"]},
                       "csrf_token": {"type": "string",
                                      "description": "Only for a caller signed in with the "
                                                     "cookie: the login's token, to send as "
                                                     "X-CSRF-Token (a page loaded again goes "
                                                     "on with it)."},
                       "survey": {
                           "type": "object",
                           "description": "The caller's own pulse-survey round: whom they "
                                          "answered about in it, never what (the answers "
                                          "stay anonymous), and nothing of anyone else.",
                           "properties": {
                               "round": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$",
                                         "description": "This round: the month of today."},
                               "answered": {"type": "array", "items": {"type": "integer"},
                                            "description": "The coaches (coach ids) the "
                                                           "caller answered the survey "
                                                           "about in this round: a "
                                                           "second answer is refused "
                                                           "(409)."}},
                           "required": ["round", "answered"]}},
        "required": ["person", "roles", "organisation", "survey"],
    }
    s["PasswordChange"] = {
        "type": "object",
        "properties": {"current_password": {"type": "string", "maxLength": PASSWORD_MAX},
                       "new_password": {"type": "string", "minLength": 10,
                                        "maxLength": PASSWORD_MAX,
                                        "description": "At least 10 characters."}},
        "required": ["current_password", "new_password"], "additionalProperties": False,
    }
    s["CreatedId"] = {
        "type": "object", "description": "The id of a record the caller added but may not read.",
        "properties": {"id": {"type": "integer", "minimum": 1}}, "required": ["id"],
    }
    s["Token"] = {
        "type": "object",
        "properties": {"id": {"type": "integer", "minimum": 1},
                       "name": {"type": "string", "maxLength": token_name["max"]},
                       "created_at": {"type": "string", "format": "date-time"},
                       "last_used_at": {"type": ["string", "null"], "format": "date-time"}},
        "required": ["id", "name", "created_at", "last_used_at"],
    }
    s["NewToken"] = {
        "type": "object",
        "properties": {"name": {"type": "string", "minLength": 1,
                                "maxLength": token_name["max"],
                                "description": "What the token is for."}},
        "required": ["name"], "additionalProperties": False,
    }
    s["CreatedToken"] = {
        "type": "object",
        "properties": {"id": {"type": "integer", "minimum": 1},
                       "name": {"type": "string"},
                       "created_at": {"type": "string", "format": "date-time"},
                       "token": {"type": "string",
                                 "description": "The secret, shown this once only: send it as "
                                                "`Authorization: Bearer <token>`."}},
        "required": ["id", "name", "created_at", "token"],
    }
    session = by_name["session"]
    sf = {f["name"]: f for f in session["fields"]}
    s["SessionBrief"] = {
        "type": ["object", "null"],
        "properties": {"id": {"type": "integer", "minimum": 1},
                       **{n: field_schema(sf[n], "out", False)
                          for n in ("at", "kind", "status", "minutes")}},
        "required": ["id", "at", "kind", "status", "minutes"],
    }
    assignment = {f["name"]: f for f in by_name["assignment"]["fields"]}
    s["Coachee"] = {
        "type": "object",
        "description": "An active coachee of the caller, as coach.",
        "properties": {
            "assignment": {"type": "integer", "minimum": 1, "description": "Id of the assignment."},
            "programme": {"type": "integer", "minimum": 1, "description": "Id of the programme."},
            "status": field_schema(assignment["status"], "out", False),
            "coachee": ref("schemas", "PersonSummary"),
            "last_session": {"description": "The last held session, or null.",
                             **ref("schemas", "SessionBrief")},
            "next_session": {"description": "The next planned session, or null.",
                             **ref("schemas", "SessionBrief")},
        },
        "required": ["assignment", "programme", "status", "coachee", "last_session",
                     "next_session"],
    }
    id_name = {"type": "object",
               "properties": {"id": {"type": "integer", "minimum": 1},
                              "name": {"type": "string"}},
               "required": ["id", "name"]}
    s["SessionDate"] = {
        "type": ["object", "null"],
        "description": "When a session is and what kind: never its content.",
        "properties": {n: field_schema(sf[n], "out", False) for n in ("at", "kind", "minutes")},
        "required": ["at", "kind", "minutes"],
    }
    s["TeamMember"] = {
        "type": "object",
        "description": "An active person who reports to the manager, with the activity of "
                       "their coaching (dates, kinds, counts), never its content.",
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "name": {"type": "string"},
            "title": {"type": ["string", "null"]},
            "team": {"description": "The team of the manager the person belongs to (that of "
                                    "the programme they are coached in, else the first the "
                                    "manager leads), or null.",
                     "oneOf": [id_name, {"type": "null"}]},
            "coached": {"type": "boolean",
                        "description": "Whether an assignment is in force today (active, "
                                       "started, not ended)."},
            "coaches": {"type": "array",
                        "description": "The coach profiles of the assignments in force.",
                        "items": {"type": "object",
                                  "properties": {
                                      "id": {"type": "integer", "minimum": 1,
                                             "description": "Id of the coach profile."},
                                      "name": {"type": ["string", "null"],
                                               "description": "The coach's name; null when "
                                                              "the caller may not read that "
                                                              "person."}},
                                  "required": ["id", "name"]}},
            "last_session": {"description": "The latest held session of any of the "
                                            "person's coaching, ever; or null.",
                             **ref("schemas", "SessionDate")},
            "next_session": {"description": "The earliest session planned from today on in "
                                            "the coaching in force; or null.",
                             **ref("schemas", "SessionDate")},
            "sessions_held": {"type": "integer", "minimum": 0,
                              "description": "Held sessions dated in the window."},
            "minutes_held": {"type": "integer", "minimum": 0,
                             "description": "Their minutes."},
        },
        "required": ["id", "name", "title", "team", "coached", "coaches", "last_session",
                     "next_session", "sessions_held", "minutes_held"],
    }
    s["MyTeam"] = {
        "type": "object",
        "description": "A manager's team at a glance.",
        "properties": {
            "manager": id_name,
            "today": {"type": "string", "format": "date"},
            "window": {"type": "object",
                       "description": "The days of sessions_held and minutes_held: from "
                                      "days before today through today, both included.",
                       "properties": {"days": {"type": "integer", "minimum": 1},
                                      "from": {"type": "string", "format": "date"},
                                      "to": {"type": "string", "format": "date"}},
                       "required": ["days", "from", "to"]},
            "teams": {"type": "array", "items": id_name,
                      "description": "The teams the manager leads."},
            "people": {"type": "array", "items": ref("schemas", "TeamMember"),
                       "description": "In name order."},
        },
        "required": ["manager", "today", "window", "teams", "people"],
    }
    s["Alert"] = {
        "type": "object",
        "description": "A pitfall rule that fires: who must do what.",
        "properties": {
            "id": {"type": "string", "description": "Rule and subject, e.g. "
                                                    "coach-untrained:coach-6."},
            "rule": {"type": "string", "description": "The rule's id (docs/alerts.md)."},
            "severity": {"type": "string", "enum": ["info", "warning", "error"]},
            "model": {"type": "string", "enum": models,
                      "description": "The coaching model of the programme concerned."},
            "team": {"type": ["integer", "null"], "description": "Id of the team, or null."},
            "programme": {"type": ["integer", "null"],
                          "description": "Id of the programme, or null."},
            "people": {"type": "array", "description": "The people concerned.",
                       "items": {"type": "object",
                                 "properties": {
                                     "id": {"type": ["integer", "null"],
                                            "description": "Id of the person; null for a role "
                                                           "without a person on record."},
                                     "role": {"type": "string"},
                                     "name": {"type": "string"}},
                                 "required": ["id", "role", "name"]}},
            "facts": {"type": "object", "description": "The facts that made the rule fire: "
                                                       "numbers, text and dates.",
                      "additionalProperties": {"type": ["number", "string", "boolean", "null"]}},
            "summary": {"type": "string"},
            "mitigation": {"type": "string", "description": "Who should do what."},
            "acknowledged": {"type": "boolean"},
            "acknowledgement": {"type": "object",
                                "description": "Present when acknowledged.",
                                "properties": {"reason": {"type": "string"},
                                               "by": {"type": "string"},
                                               "at": {"type": "string",
                                                      "format": "date-time"}},
                                "required": ["reason", "by", "at"]},
        },
        "required": ["id", "rule", "severity", "model", "team", "programme", "people", "facts",
                     "summary", "mitigation", "acknowledged"],
    }
    s["AlertList"] = {
        "type": "object",
        "properties": {
            "alerts": {"type": "array", "items": ref("schemas", "Alert")},
        },
        "required": ["alerts"],
    }
    s["Ack"] = {
        "type": "object",
        "properties": {"reason": {"type": "string", "minLength": 1,
                                  "maxLength": ack_reason["max"],
                                  "description": "Why the alert may stay quiet."}},
        "required": ["reason"], "additionalProperties": False,
    }
    s["AckResult"] = {
        "type": "object",
        "properties": {"id": {"type": "string"},
                       "acknowledged": {"type": "boolean", "const": True}},
        "required": ["id", "acknowledged"],
    }
    s["Account"] = {
        "type": "object",
        "properties": {"id": {"type": "integer", "minimum": 1},
                       "person": {"type": "integer", "minimum": 1,
                                  "description": "Id of the person (GET /api/people/{id})."},
                       "role": {"type": "string", "enum": account_roles},
                       "created_at": {"type": "string", "format": "date-time"}},
        "required": ["id", "person", "role", "created_at"],
    }
    s["AccountInput"] = {
        "type": "object",
        "properties": {"person": {"type": "integer", "minimum": 1,
                                  "description": "Id of the person; a person has one account "
                                                 "at most."},
                       "role": {"type": "string", "enum": account_roles, "default": "member",
                                "description": "admin, executive or member: manager, coach "
                                               "and rep follow from the data."}},
        "required": ["person"], "additionalProperties": False,
        "description": "No password: nobody chooses another person's password. The answer "
                       "holds a one-time setup token with which the person chooses their own.",
    }
    s["AccountSetup"] = {
        "type": "object",
        "properties": {**s["Account"]["properties"],
                       "reset": {"type": "boolean",
                                 "description": "true when the person had an account: its "
                                                "password, login sessions and API tokens have "
                                                "ended."},
                       "setup": {"type": "object",
                                 "properties": {"token": {"type": "string", "minLength": 64},
                                                "expires_at": {"type": "string",
                                                               "format": "date-time"},
                                                "use": {"type": "string"}},
                                 "required": ["token", "expires_at", "use"]},
                       "warning": {"type": "string"}},
        "required": ["id", "person", "role", "created_at", "reset", "setup", "warning"],
    }
    s["SetupInput"] = {
        "type": "object",
        "properties": {"token": {"type": "string", "maxLength": 128,
                                 "description": "The setup token the administrator passed on."},
                       "password": {"type": "string", "minLength": 10,
                                    "maxLength": PASSWORD_MAX,
                                    "description": "The password the person chooses: at least "
                                                   "10 characters."}},
        "required": ["token", "password"], "additionalProperties": False,
    }
    s["MyAccess"] = {
        "allOf": [ref("schemas", "Access"),
                  {"type": "object",
                   "properties": {"after_reset": {
                       "type": "boolean",
                       "description": "true when the reader's password was set or reset in "
                                      "the hour before the read: the reader may not be who "
                                      "the name says."}},
                   "required": ["after_reset"]}],
    }
    s["MyAccessList"] = page_schema(ref("schemas", "MyAccess"), "reads of the caller's record")
    s["AccountList"] = {
        "type": "object",
        "properties": {"items": {"type": "array", "items": ref("schemas", "Account")}},
        "required": ["items"],
    }
    for d in entities:
        if d["eflags"] and d["name"] not in ("audit", "access", "security-event"):
            continue
        s.update(entity_schemas(d))
        s[camel(d["name"]) + "List"] = page_schema(ref("schemas", camel(d["name"])),
                                                    d["plural"])

    def err_response(desc, headers=None):
        r = {"description": desc}
        if headers:
            r["headers"] = headers
        return {**r, **json_body(ref("schemas", "Error"))}

    responses = {
        "BadRequest": err_response("invalid: the body is not JSON or not an object."),
        "Unauthorized": err_response("unauthorized: no valid session cookie or API token."),
        "Forbidden": err_response(
            "forbidden: the caller's roles do not allow this, or a state-changing request "
            "made with the session cookie has no valid X-CSRF-Token."),
        "NotFound": err_response(
            "not_found: no such record visible to the caller, or the path is not the one "
            "spelling of a resource (an id in decimal digits without sign or leading zero; no "
            "empty, . or .. segment, trailing / or percent-escape)."),
        "Conflict": err_response(
            "conflict: a unique field is already taken, other records refer to this one, or the "
            "change would make a pitfall of the coaching model likely (the message explains it; "
            "where the record has an override_reason field, sending one stores it anyway)."),
        "TooLarge": err_response("too_large: the request body is too large."),
        "UnsupportedMediaType": err_response(
            "unsupported_media_type: a body sent with a Content-Type other than "
            "application/json (parameters allowed; a charset must be utf-8), or none where a "
            "body is read. `field` is null."),
        "Unprocessable": err_response(
            "invalid: a field or parameter is unknown, has the wrong type or is out of range, "
            "or a local time does not exist or happens twice in the organisation's time zone; "
            "or the query is malformed: a parameter given twice, more than 64, a bad percent "
            "escape, or a name or value that is not UTF-8. `field` names the field or "
            "parameter (null when the parameter's name itself is bad) and the message says "
            "what to send instead."),
        "TooManyRequests": err_response(
            "rate_limited: too many attempts; try again after Retry-After seconds.",
            {"Retry-After": ref("headers", "RetryAfter")}),
        "Error": err_response(
            "Any other error: method_not_allowed (405, with an Allow header), rate_limited "
            "(429, with Retry-After) or internal (500); and from the server itself, which then "
            "closes the connection (docs/api.md, Errors): bad_request (400, a request that is "
            "not HTTP/1.1: a malformed request line or header, a body that could end in two "
            "places), timeout (408), too_large (413), uri_too_long (414), headers_too_large "
            "(431), unavailable (503, stopping or too many connections) or "
            "version_not_supported (505).",
            {"Allow": {"description": "With 405: the methods the path accepts.",
                       "schema": {"type": "string"}},
             "Retry-After": ref("headers", "RetryAfter")}),
    }
    parameters = {
        "Id": {"name": "id", "in": "path", "required": True,
               "description": "Id of the record, in decimal digits without sign or leading "
                              "zero (any other spelling is 404).",
               "schema": {"type": "integer", "minimum": 1}},
        "Limit": {"name": "limit", "in": "query", "required": False,
                  "description": "How many records at most.",
                  "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
        "Offset": {"name": "offset", "in": "query", "required": False,
                   "description": "How many matching records to skip.",
                   "schema": {"type": "integer", "minimum": 0, "default": 0}},
        "Lang": {"name": "lang", "in": "query", "required": False,
                 "description": "The language of texts and messages (default: the "
                                "organisation's locale).",
                 "schema": {"type": "string", "enum": ["en", "nl"]}},
        "Desc": {"name": "desc", "in": "query", "required": False,
                 "description": "Sort in descending order.",
                 "schema": {"type": "boolean", "default": False}},
        "CsrfToken": {"name": "X-CSRF-Token", "in": "header", "required": False,
                      "description": "The csrf_token of POST /api/login: required when the "
                                     "request is authenticated by the session cookie, not "
                                     "needed with an API token.",
                      "schema": {"type": "string"}},
    }
    headers = {
        "RetryAfter": {"description": "Seconds to wait before trying again.",
                       "schema": {"type": "integer", "minimum": 1}},
        "Warning": {"description": "Present when the record was stored despite a pitfall that "
                                   "it makes likely: what to look at.",
                    "schema": {"type": "string"}},
    }

    no_auth = []
    paths = {}
    paths["/api/health"] = {"get": op(
        "getHealth", "Check that the server runs", "meta",
        {"200": json_body({"type": "object",
                           "properties": {"status": {"type": "string", "const": "ok"}},
                           "required": ["status"]}, "The server runs.")},
        security=no_auth)}
    paths["/api/openapi.json"] = {"get": op(
        "getOpenapi", "This document", "meta",
        {"200": json_body({"type": "object", "description": "An OpenAPI 3.1 document."},
                          "The OpenAPI document of this API.")},
        security=no_auth)}
    paths["/api/login"] = {"post": op(
        "login", "Log in", "auth",
        {"200": {"description": "Logged in. Keep the cookie and send the csrf_token as "
                                "X-CSRF-Token with every state-changing request.",
                 "headers": {"Set-Cookie": {
                     "description": "sc_session=...; HttpOnly; SameSite=Strict; Path=/; "
                                    "Max-Age=28800 (and Secure when a trusted proxy says the "
                                    "client used https: X-Forwarded-Proto).",
                     "schema": {"type": "string"}}},
                 **json_body(ref("schemas", "LoginResult"))},
         **errors(400, 401, 422, 429)},
        description="401 for a wrong e-mail address and for a wrong password alike, with the "
                    "same message and the same work (one Argon2id password check), so that "
                    "neither the answer nor its time tells which addresses exist. 429 after 5 "
                    "failed attempts in 15 minutes for the account from the client's address "
                    "(other addresses may still log in to it), 20 from the address for any "
                    "accounts, or 100 for the account from all addresses.",
        body=ref("schemas", "Login"), security=no_auth)}
    paths["/api/logout"] = {"post": op(
        "logout", "Log out", "auth",
        {"204": {"description": "The login session has ended."}, **errors(401, 403)},
        csrf=True)}
    paths["/api/me"] = {"get": op(
        "getMe", "Who the caller is", "me",
        {"200": json_body(ref("schemas", "Me"), "The caller, roles and organisation."),
         **errors(401)})}
    paths["/api/me/password"] = {"post": op(
        "changePassword", "Change the own password", "me",
        {"204": {"description": "The password is changed."}, **errors(400, 401, 403, 422, 429)},
        description="403 when current_password is wrong; 422 when new_password is shorter "
                    "than 10 characters; 429 after 5 wrong current passwords for the account "
                    "(or 20 from the address) in 15 minutes, like the login. Every other login "
                    "session of the account ends, and every API token.",
        body=ref("schemas", "PasswordChange"), csrf=True)}
    paths["/api/me/access-log"] = {"get": op(
        "getMyAccessLog", "Who read the caller's coaching record", "me",
        {"200": json_body(ref("schemas", "MyAccessList"), "A page, newest first."),
         **errors(401, 422)},
        description="Every read of the caller's private coaching content: who read what, and "
                    "when. A reader's reads of the same fields of one record within an hour "
                    "of the first are one entry: reads counts them, at is the first and "
                    "last_at the last. after_reset marks an entry with a read in the hour "
                    "after the reader's password was set or reset.",
        params=[ref("parameters", "Limit"), ref("parameters", "Offset")])}
    paths["/api/me/security-log"] = {"get": op(
        "getMySecurityLog", "What was done to the caller's account", "me",
        {"200": json_body(ref("schemas", "SecurityEventList"), "A page, newest first."),
         **errors(401, 422)},
        description="Every setup link issued, password reset, set or changed, and API token "
                    "made for the caller's account, with who did it.",
        params=[ref("parameters", "Limit"), ref("parameters", "Offset")])}
    paths["/api/me/export"] = {"get": op(
        "exportMyData", "Everything held about the caller, as one JSON document", "me",
        {"200": {"description": "The caller's personal-data export (docs/privacy.md lists "
                                "every member): their person record, account (never a "
                                "password hash or token digest), roles, coaching "
                                "relationships as coach and as coachee with their sessions, "
                                "action items, plans, observations, self-assessments and "
                                "shares (private content included: the caller is a party), "
                                "sales results, appraisals, survey ballots (never the "
                                "anonymous answers), e-mail choices, whether a calendar feed "
                                "exists, the access log of their content and of their reads, "
                                "security events and audit entries about them.",
                 "headers": {"Content-Disposition": {
                     "description": "attachment; filename=\"personal-data-ID-YYYY-MM-DD"
                                    ".json\" (.zip with format=zip)",
                     "schema": {"type": "string"}},
                     "Cache-Control": {"description": "Always no-store.",
                                       "schema": {"type": "string", "const": "no-store"}}},
                 "content": {"application/json": {"schema": {
                     "type": "object",
                     "required": ["format", "exported_at", "person", "relationships"],
                     "properties": {
                         "format": {"type": "string",
                                    "const": "salescoach-personal-export/1"},
                         "exported_at": {"type": "string", "format": "date-time"},
                         "private_content_included": {"type": "boolean"},
                         "notes": {"type": "array", "items": {"type": "string"}},
                         "person": {"type": "object"},
                         "relationships": {"type": "array", "items": {"type": "object"}}},
                     "additionalProperties": True}},
                     "application/zip": {"schema": {
                         "type": "string", "contentMediaType": "application/zip",
                         "description": "With format=zip: personal-data.json (the same "
                                        "document) and a CSV file per member that lists "
                                        "records, in the organisation's CSV style."}}}},
         **errors(401, 422)},
        description="The caller's own data only: the path names nobody else. Every read of a "
                    "coachee's private content by the caller as their coach goes to the "
                    "access log, as any read does. An administrator exports someone else's "
                    "with salescoach person export ID (without private coaching content).",
        params=[{"name": "format", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["json", "zip"], "default": "json"},
                 "description": "json: one document; zip: the document and a CSV file per "
                                "kind of record. Any other value is 422."}])}
    paths["/api/setup"] = {"post": op(
        "useSetup", "Choose the own password with a setup token", "auth",
        {"204": {"description": "The password is set; log in with it."},
         **errors(400, 403, 422, 429)},
        description="403 when the token is unknown, used or more than 24 hours old; 422 when "
                    "the password is shorter than 10 characters; 429 after 20 unusable tokens "
                    "from the address in 15 minutes.",
        body=ref("schemas", "SetupInput"), security=no_auth)}
    paths["/api/me/tokens"] = {
        "get": op("listTokens", "List the own API tokens", "me",
                  {"200": json_body({"type": "object",
                                     "properties": {"items": {"type": "array",
                                                              "items": ref("schemas", "Token")}},
                                     "required": ["items"]}, "The caller's API tokens."),
                   **errors(401)}),
        "post": op("createToken", "Make an API token", "me",
                   {"201": json_body(ref("schemas", "CreatedToken"),
                                     "The token, with its secret shown this once."),
                    **errors(400, 401, 403, 422)},
                   body=ref("schemas", "NewToken"), csrf=True),
    }
    paths["/api/me/tokens/{id}"] = {
        "parameters": [ref("parameters", "Id")],
        "delete": op("deleteToken", "Revoke an API token", "me",
                     {"204": {"description": "The token no longer works."},
                      **errors(401, 403, 404)}, csrf=True),
    }
    paths["/api/me/coachees"] = {"get": op(
        "listMyCoachees", "The caller's coachees", "me",
        {"200": json_body({"type": "object",
                           "properties": {"items": {"type": "array",
                                                    "items": ref("schemas", "Coachee")}},
                           "required": ["items"]},
                          "The active coachees, with their last held and next planned "
                          "session."),
         **errors(401)},
        description="The caller's active coachees as a coach.")}
    paths["/api/me/team"] = {"get": op(
        "getMyTeam", "The caller's team, as a manager", "me",
        {"200": json_body(ref("schemas", "MyTeam"),
                          "The people who report to the caller, with the dates, kinds and "
                          "counts of their coaching."),
         **errors(401, 403, 422)},
        description="For a manager (someone with direct reports or a team): every active "
                    "person who reports to them, whether and by whom they are coached now, "
                    "their last held and next planned session (date and kind), and the "
                    "sessions and minutes held in the last 30 days; and the teams they lead. "
                    "A manager whose team is empty gets an empty list; anyone else 403. No "
                    "private field is read, so no coachee's access log gets an entry.",
        params=[ref("parameters", "Lang")])}
    for d in public:
        paths.update(entity_paths(d))
    paths["/api/alerts"] = {"get": op(
        "listAlerts", "The alerts of the pitfall monitor", "alerts",
        {"200": json_body(ref("schemas", "AlertList"), "The alerts that fire now."),
         **errors(401, 403, 422)},
        description="Every pitfall rule that fires now, most severe first. Acknowledged alerts "
                    "are left out unless all=true; they come back when their facts change.",
        params=[
            {"name": "team", "in": "query", "required": False,
             "description": "Only the alerts of this team.",
             "schema": {"type": "integer", "minimum": 1}},
            {"name": "model", "in": "query", "required": False,
             "description": "Only the alerts of programmes of this model.",
             "schema": {"type": "string", "enum": models}},
            {"name": "rule", "in": "query", "required": False,
             "description": "Only the alerts of this rule (e.g. no-recent-session).",
             "schema": {"type": "string"}},
            {"name": "all", "in": "query", "required": False,
             "description": "Also the acknowledged alerts.",
             "schema": {"type": "boolean", "default": False}},
            ref("parameters", "Lang"),
        ])}
    # The planners and the advisor: their JSON is described to its top level; docs/planners.md
    # and docs/advisor.md give every figure.
    def loose(required, what):
        return {"type": "object", "description": what,
                "properties": {k: {} for k in required}, "required": required}
    plan_errors = errors(401, 403, 404, 422)
    paths["/api/plan/capacity"] = {"get": op(
        "planCapacity", "Coaching capacity of manager-coaches", "planners",
        {"200": json_body(loose(["today", "assumed", "managers"],
                                "Per manager-coach: hours needed and available, the "
                                "shortfall, tasks to delegate and the span that fits; "
                                "`assumed`: the what-if figures used instead of the "
                                "recorded ones."),
                          "The capacity plan."), **plan_errors},
        description="The manager-coaches the caller answers for (themselves and the line "
                    "below them; administrators all). See docs/planners.md.\n\n"
                    "A what-if: with `manager`, any of `coachees`, `target_hours` and "
                    "`hours_per_week` replaces the recorded figure for this computation "
                    "only; nothing is stored. Needed is then coachees × target_hours, "
                    "available hours_per_week × 52 / 12, and the shortfall, the tasks to "
                    "delegate and `max_span` follow from them. The answer's `assumed` "
                    "object holds the figures assumed (`{}` when none). A figure out of "
                    "range or not a number is refused with 422 naming it as `field`, in "
                    "the caller's language; a what-if without `manager` with 422 and "
                    "field `manager`.",
        params=[{"name": "manager", "in": "query", "required": False,
                 "description": "Only this person (a manager-coach). Required with a "
                                "what-if figure.",
                 "schema": {"type": "integer", "minimum": 1}},
                {"name": "coachees", "in": "query", "required": False,
                 "description": "What-if: the number of coachees the manager would coach, "
                                "instead of their active coachees.",
                 "schema": {"type": "integer", "minimum": 0, "maximum": 100}},
                {"name": "target_hours", "in": "query", "required": False,
                 "description": "What-if: coaching hours per coachee per month, instead of "
                                "the programme target; digits with at most one decimal "
                                "point (3.5).",
                 "schema": {"type": "number", "minimum": 0.5, "maximum": 40}},
                {"name": "hours_per_week", "in": "query", "required": False,
                 "description": "What-if: the manager's hours per week for coaching, "
                                "instead of those of the coach profile; digits with at most "
                                "one decimal point (4.5).",
                 "schema": {"type": "number", "minimum": 0, "maximum": 40}},
                ref("parameters", "Lang")])}
    paths["/api/plan/incentive"] = {"get": op(
        "planIncentive", "A senior coach's target reduction and bonus component", "planners",
        {"200": json_body(loose(["coach", "person", "name", "month", "plan", "inputs",
                                 "target_reduction", "bonus_component"],
                                "The incentive of one senior coach for one month, with its "
                                "inputs."), "The incentive."), **plan_errors},
        description="For the senior coach, the people above them and administrators.",
        params=[{"name": "coach", "in": "query", "required": True,
                 "description": "The senior's coach profile id.",
                 "schema": {"type": "integer", "minimum": 1}},
                {"name": "month", "in": "query", "required": True,
                 "description": "The month, YYYY-MM.",
                 "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}},
                ref("parameters", "Lang")])}
    paths["/api/plan/leadership"] = {"get": op(
        "planLeadership", "Senior coaches ranked on leadership potential", "planners",
        {"200": json_body(loose(["today", "impact_months", "weights", "coaches"],
                                "The senior coaches the caller answers for, in rank order."),
                          "The ranking."), **errors(401, 403, 422)},
        params=[ref("parameters", "Lang")])}
    paths["/api/advise"] = {"post": op(
        "advise", "Which coaching model fits a team", "planners",
        {"200": json_body(loose(["lang", "answers", "figures", "scores", "ranking", "best",
                                 "reasons", "pitfalls", "checklist"],
                                "Scores 0-100 per model, the ranking, the reasons and the "
                                "pitfalls to watch, texts in the language asked."),
                          "The advice."), **errors(400, 401, 403, 422)},
        description="The model advisor of docs/advisor.md: the body holds the answers "
                    "({\"team_size\": 12, \"trust\": \"low\", ...}); missing answers take "
                    "their defaults. Reads no data of the organisation.",
        body={"type": "object", "description": "Answers by question id."},
        params=[ref("parameters", "Lang")], csrf=True)}
    paths["/api/alerts/{id}/ack"] = {
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "description": "The alert's id as it is "
                                       "(coach-untrained:coach-6): a path takes no "
                                       "percent-escapes, and ':' needs none.",
                        "schema": {"type": "string"}}],
        "post": op("ackAlert", "Acknowledge an alert", "alerts",
                   {"200": json_body(ref("schemas", "AckResult"), "Acknowledged."),
                    **errors(400, 401, 403, 404, 422)},
                   description="The alert stays quiet until its facts change. Administrators "
                               "acknowledge any alert; managers one that names someone "
                               "below them in the reporting line (one about a manager "
                               "alone is their superior's). 404 when no alert with this "
                               "id fires now that the caller sees; 403 when the caller "
                               "may not acknowledge it.",
                   body=ref("schemas", "Ack"), csrf=True),
    }
    figures = {"coachees": {"type": "integer", "minimum": 0,
                            "description": "Distinct people coached (active assignments), "
                                           "to the nearest 5 and never below k (0 in the "
                                           "total when no programme is shown)."},
               "sessions_held": {"type": "integer", "minimum": 0,
                                 "description": "To the nearest 10."},
               "hours_held": {"type": "number", "minimum": 0,
                              "description": "To the nearest 10 hours."},
               "mean_feedback": {"type": ["number", "null"], "minimum": 1, "maximum": 5,
                                 "description": "Mean of the coachees' feedback on the "
                                                "coaching, 1-5, to one decimal; null when "
                                                "fewer than k people gave feedback."}}
    # The report per coaching model (src/plan/report.h, "models").
    survey_mean = {"type": ["number", "null"], "minimum": 1, "maximum": 5,
                   "description": "Mean of the item, 1-5, to one decimal; null below "
                                  "min_answers answers of it or when respondents is null."}
    survey_group = {
        "type": "object",
        "description": "The pulse survey answers of one respondent group in the window, about "
                       "the coaches of this kind (the coach profile's kind).",
        "properties": {
            "answers": {"type": ["integer", "null"], "minimum": 0,
                        "description": "Answers, to the nearest 5 and never below "
                                       "min_answers; null below min_answers (then every "
                                       "mean is null too)."},
            "respondents": {"type": ["integer", "null"], "minimum": 0,
                            "description": "The distinct people who answered (their ballots "
                                           "of the rounds wholly in the window), to the "
                                           "nearest 5 and never below k; null below k (then "
                                           "every mean is null too)."},
            "mean": {**survey_mean, "description": "Mean of respect, trust, helps and "
                                                   "part_of_team together, to one decimal; "
                                                   "null below min_answers answers or k "
                                                   "people."},
            **{item: survey_mean for item in ("respect", "trust", "helps", "part_of_team",
                                              "not_reporting")}},
        "required": ["answers", "respondents", "mean", "respect", "trust", "helps",
                     "part_of_team", "not_reporting"],
        "additionalProperties": False}
    withheld = ("; null when the alerts counted name fewer than k people, or when it had to "
                "be withheld with another so that no subtraction gives that one back")
    model_alerts = {
        "type": "object",
        "description": "The open (not acknowledged) alerts of the model, counted. No person "
                       "is named: every count shown is of alerts that name at least k "
                       "people together.",
        "properties": {
            "open": {"type": ["integer", "null"], "minimum": 0,
                     "description": "Open alerts; null when they name fewer than k people."},
            "people": {"type": ["integer", "null"], "minimum": 0,
                       "description": "Distinct people the open alerts name, to the nearest "
                                      "5 and never below k; null below k."},
            "by_severity": {
                "type": "object",
                "properties": {s: {"type": ["integer", "null"], "minimum": 0,
                                   "description": f"Open alerts of severity {s}{withheld}."}
                               for s in ("error", "warning", "info")},
                "required": ["error", "warning", "info"],
                "additionalProperties": False},
            "by_rule": {"type": "array",
                        "description": "The rules whose alerts are shown, in the order of "
                                       "the rules' table; a rule withheld is not listed.",
                        "items": {"type": "object",
                                  "properties": {"rule": {"type": "string"},
                                                 "alerts": {"type": "integer", "minimum": 1}},
                                  "required": ["rule", "alerts"],
                                  "additionalProperties": False}},
            "other_rules": {"type": ["integer", "null"], "minimum": 0,
                            "description": "Open alerts of the rules not listed in by_rule "
                                           "(together they name at least k people); null "
                                           "when open is."}},
        "required": ["open", "people", "by_severity", "by_rule", "other_rules"],
        "additionalProperties": False}
    model_figures = {
        "type": "object",
        "properties": {
            "model": {"type": "string", "enum": models},
            "programmes": {"type": "integer", "minimum": 0,
                           "description": "The model's programmes."},
            "suppressed": {"type": "boolean",
                           "description": "Fewer than k people are coached in the model's "
                                          "programmes: no figures."},
            "coachees": {"type": "integer", "minimum": 0,
                         "description": "Distinct people coached (active assignments) in "
                                        "the model's programmes, to the nearest 5 and never "
                                        "below k."},
            "acceptance": {"type": "object",
                           "properties": {"coachee": survey_group,
                                          "management": survey_group},
                           "required": ["coachee", "management"],
                           "additionalProperties": False},
            "alerts": model_alerts},
        "required": ["model", "programmes", "suppressed"],
        "additionalProperties": False}
    paths["/api/reports/programmes"] = {"get": op(
        "reportProgrammes", "Aggregates per programme", "reports",
        {"200": json_body({
            "type": "object",
            "properties": {
                "k": {"type": "integer", "description": "The smallest group shown."},
                "window_days": {"type": "integer"},
                "from": {"type": "string", "format": "date"},
                "to": {"type": "string", "format": "date"},
                "rounding": {
                    "type": "object",
                    "description": "The step each figure is rounded to (to the nearest, "
                                   "halves up), so that the difference of two reports does "
                                   "not give one person's values exactly.",
                    "properties": {"coachees": {"type": "integer", "const": 5},
                                   "sessions_held": {"type": "integer", "const": 10},
                                   "hours_held": {"type": "integer", "const": 10},
                                   "mean_feedback": {"type": "number", "const": 0.1}},
                    "required": ["coachees", "sessions_held", "hours_held", "mean_feedback"],
                    "additionalProperties": False},
                "programmes": {"type": "array", "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "model": {"type": "string", "enum": models},
                        "team": {"type": "object",
                                 "properties": {"id": {"type": "integer"},
                                                "name": {"type": "string"}},
                                 "required": ["id", "name"]},
                        "starts_on": {"type": "string", "format": "date"},
                        "ends_on": {"type": "string", "format": "date"},
                        "suppressed": {"type": "boolean",
                                       "description": "Fewer than k people are coached: "
                                                      "no figures."},
                        **figures},
                    "required": ["id", "model", "team", "starts_on", "ends_on", "suppressed"],
                    "additionalProperties": False}},
                "total": {"type": "object", "properties": figures,
                          "required": list(figures), "additionalProperties": False},
                "k_survey": {"type": "integer",
                             "description": "The organisation's smallest number of survey "
                                            "answers shown."},
                "min_answers": {"type": "integer",
                                "description": "The smallest number of answers a survey "
                                               "mean of this report is shown from: the "
                                               "larger of k and k_survey."},
                "models": {"type": "array", "items": model_figures,
                           "description": "One per coaching model (manager, senior, "
                                          "internal, external), in that order."},
            },
            "required": ["k", "window_days", "from", "to", "rounding", "programmes",
                         "total", "k_survey", "min_answers", "models"],
            "additionalProperties": False}, "The figures of the last window_days days."),
         **errors(401, 403)},
        description="Coaching activity per programme over the last 90 days: coachees, "
                    "sessions and hours held, mean feedback on the coaching. A programme "
                    "with fewer than k coachees (the organisation's setting) shows no "
                    "figures, and the totals cover only the programmes shown, so that no "
                    "figure describes fewer than k people; the mean feedback is shown only "
                    "when at least k people gave feedback. Every figure is rounded (see "
                    "rounding), so that the difference of two reports tells one person's "
                    "part only to within a step, not exactly. Per coaching model (models): "
                    "programmes, coachees, acceptance (the pulse survey's means in the window, "
                    "each from at least min_answers answers, the larger of k and k_survey) "
                    "and the open alerts counted by severity and rule, each count of alerts "
                    "that name at least k people and no person named; a model of fewer than "
                    "k coachees shows no figures. Administrators, executives and "
                    "managers.")}
    paths["/api/reports/coverage"] = coverage_path(models)
    paths["/api/reports/hours"] = hours_path(models)
    paths["/api/reports/impact"] = impact_path(models)
    paths["/api/reports/acceptance"] = acceptance_path(models)
    paths["/api/reports/coaches"] = coaches_path(models)
    paths.update(log_path(by_name["audit"], "/api/audit-log", "logs", "listAuditLog",
                          "The audit log", "Every change: who, what, when, before and after "
                          "(private content redacted). Administrators only."))
    paths.update(log_path(by_name["access"], "/api/access-log", "logs", "listAccessLog",
                          "The access log", "Every read of private coaching content: who, "
                          "whose, what, when (repeated reads of one record's same fields "
                          "within an hour counted in one entry). Administrators see every read; "
                          "everyone else the reads of their own content, as "
                          "GET /api/me/access-log."))
    paths["/api/accounts"] = {
        "get": op("listAccounts", "List the login accounts", "accounts",
                  {"200": json_body(ref("schemas", "AccountList"), "Every account."),
                   **errors(401, 403)},
                  description="Administrators only."),
        "post": op("createAccount", "Give a person a login", "accounts",
                   {"201": json_body(ref("schemas", "AccountSetup"),
                                     "The account and its one-time setup token."),
                    **errors(400, 401, 403, 422)},
                   description="Administrators only. Nobody chooses another person's "
                               "password: the answer holds a setup token, valid once for 24 "
                               "hours, that only the person may use (POST /api/setup). When "
                               "the person has an account already, this is a reset: it gets "
                               "the role given, and its password, login sessions and API "
                               "tokens end. The person's security log records it. 422 when "
                               "the person does not exist, or a password is sent.",
                   body=ref("schemas", "AccountInput"), csrf=True),
    }
    paths["/api/settings"] = settings_path(settings)
    export_formats(paths, parameters, headers)
    calendar_tag = calendar_part(paths, schemas)
    paths["/api/imports"] = import_path()
    notify_paths(paths)
    refused_before_routing(paths)

    tags = [
        {"name": "meta", "description": "The server itself."},
        {"name": "auth", "description": "Logging in and out."},
        {"name": "planners", "description": "Capacity, incentives, leadership potential, "
                                            "and the model advisor."},
        {"name": "reports", "description": "Aggregates that never describe fewer than k "
                                           "people."},
        {"name": "me", "description": "The caller: password, API tokens, coachees, and who "
                                      "read the caller's coaching record."},
    ]
    for d in public:
        tags.append({"name": d["plural"], "description": d["help"][:1].upper() + d["help"][1:]
                     + (" (private coaching content)." if d["name"] in PRIVATE_ENTITIES
                        else ".")})
    tags += [
        {"name": "alerts", "description": "The pitfall monitor (docs/alerts.md)."},
        {"name": "logs", "description": "The audit and access logs, for administrators."},
        {"name": "accounts", "description": "Login accounts, for administrators."},
        {"name": "settings", "description": "The organisation's settings and the thresholds "
                                            "of the pitfall rules, for administrators."},
        {"name": "imports", "description": "CSV files in, for administrators (docs/import.md)."},
        {"name": "notify", "description": "The e-mail reminders (docs/email.md)."},
    ]
    tags.append(calendar_tag)
    return {
        "openapi": "3.1.0",
        "info": {"title": "salescoach", "version": "0.1.0", "description": INFO_DESCRIPTION,
                 "license": {"name": "MIT", "identifier": "MIT"}},
        "servers": [{"url": "http://127.0.0.1:8080",
                     "description": "salescoach serve on its default address"}],
        "security": [{"cookieAuth": []}, {"bearerAuth": []}],
        "tags": tags,
        "paths": paths,
        "components": {
            "securitySchemes": {
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "sc_session",
                               "description": "The session cookie of POST /api/login. "
                                              "State-changing requests also need the "
                                              "X-CSRF-Token header."},
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "An API token of POST /api/me/tokens."},
            },
            "parameters": parameters,
            "headers": headers,
            "responses": responses,
            "schemas": schemas,
        },
    }


def coverage_path(models):
    """GET /api/reports/coverage (plan/report.h, report_coverage)."""
    def q(name, schema, what):
        return {"name": name, "in": "query", "required": False, "schema": schema,
                "description": what}
    month = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}
    figures = {
        "suppressed": {"type": "boolean",
                       "description": "Fewer than k people coached (or withheld so that the "
                                      "month's total, with or without a filter, gives no "
                                      "smaller group back): no figures. Decided on every "
                                      "programme whatever the filters."},
        "coached": {"type": "integer", "minimum": 0,
                    "description": "People in assignments not paused whose span meets the "
                                   "month."},
        "with_session": {"type": "integer", "minimum": 0,
                         "description": "Of them, the people with a session held in the "
                                        "month."},
        "share_pct": {"type": "number", "minimum": 0, "maximum": 100,
                      "description": "with_session of coached, in per cent to one decimal."}}
    group = {"type": "object",
             "properties": {"programme": {"type": "integer",
                                          "description": "The programme's id."},
                            "model": {"type": "string", "enum": models},
                            "team": {"type": "object",
                                     "properties": {"id": {"type": "integer"},
                                                    "name": {"type": "string"}},
                                     "required": ["id", "name"]},
                            **figures},
             "required": ["programme", "model", "team", "suppressed"],
             "additionalProperties": False}
    total = {"type": "object", "properties": figures, "required": ["suppressed"],
             "additionalProperties": False}
    partial = {"type": "boolean",
               "description": "The current month, not over yet: its figures are partial."}
    body = {"type": "object",
            "properties": {
                "k": {"type": "integer", "description": "The smallest group shown."},
                "from": month, "to": month,
                "filters": {"type": "object",
                            "properties": {"team": {"type": ["integer", "null"]},
                                           "model": {"type": ["string", "null"]},
                                           "programme": {"type": ["integer", "null"]}},
                            "required": ["team", "model", "programme"],
                            "additionalProperties": False},
                "months": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"month": month,
                                   "partial": partial,
                                   "groups": {"type": "array", "items": group,
                                              "description": "Per programme (the filters "
                                                             "keep) with someone coached in "
                                                             "the month."},
                                   "total": total},
                    "required": ["month", "partial", "groups", "total"],
                    "additionalProperties": False}}},
            "required": ["k", "from", "to", "filters", "months"],
            "additionalProperties": False}
    return {"get": op(
        "reportCoverage", "Coverage per month and programme", "reports",
        {"200": json_body(body, "One entry per month from from to to."),
         **errors(401, 403, 422)},
        description="Coverage (PRODUCT.md, Calculations) per calendar month instead of the "
                    "last 30 days: per month and programme (its coaching model and team), the "
                    "people coached, how many of them had a session held in the month, and "
                    "the share. A programme of fewer than k people shows no figures, and more "
                    "are withheld (decided on every programme, whatever the filters) until "
                    "the people in no shown programme are none or at least k; the month's "
                    "total is withheld when it, or the difference with the total without a "
                    "filter, would give fewer than k people back. Read from dates, statuses "
                    "and assignment parties only. Administrators, executives and managers; "
                    "422 naming the parameter when one is bad, or to after this month.",
        params=[q("from", month, "The first month, YYYY-MM (default: 11 months before to)."),
                q("to", month, "The last month, YYYY-MM (default: this month; not after "
                               "it); at most 60 months from from."),
                q("model", {"type": "string", "enum": models}, "Only this coaching model."),
                q("team", {"type": "integer", "minimum": 1}, "Only this team's programmes."),
                q("programme", {"type": "integer", "minimum": 1}, "Only this programme.")])}


def hours_path(models):
    """GET /api/reports/hours (plan/report.h, report_hours): coverage's parameters and shape."""
    cov = coverage_path(models)["get"]
    base = cov["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
    tenth = {"type": "number", "minimum": 0}
    figures = {
        "suppressed": {"type": "boolean",
                       "description": "Fewer than k people coached (or withheld so that the "
                                      "month's total gives no smaller programme back): no "
                                      "figures."},
        "coached": {"type": "integer", "minimum": 0,
                    "description": "People in assignments not paused whose span meets the "
                                   "month (a person in two assignments once)."},
        "hours": {**tenth, "description": "Hours of the sessions held in the month with them, "
                                          "to one decimal (planned, cancelled and no-show "
                                          "sessions do not count)."},
        "hours_per_coachee": {**tenth, "description": "hours / coached, to one decimal."},
        "on_target": {"type": "integer", "minimum": 0,
                      "description": "The people whose hours in the month reach their "
                                     "programme's target."},
        "on_target_pct": {"type": "number", "minimum": 0, "maximum": 100,
                          "description": "on_target of coached, in per cent to one decimal."}}
    prog = {"type": "object",
            "properties": {"id": {"type": "integer"},
                           "model": {"type": "string", "enum": models},
                           "team": base["months"]["items"]["properties"]["groups"]["items"][
                               "properties"]["team"],
                           "target": {**tenth, "description": "Hours per coachee per month."},
                           **figures},
            "required": ["id", "model", "team", "target", "suppressed"],
            "additionalProperties": False}
    month = base["from"]
    body = {"type": "object",
            "properties": {**{n: base[n] for n in ("k", "from", "to", "filters")},
                           "months": {"type": "array", "items": {
                               "type": "object",
                               "properties": {"month": month,
                                              "partial": base["months"]["items"][
                                                  "properties"]["partial"],
                                              "programmes": {"type": "array", "items": prog,
                                                             "description": "Per programme "
                                                             "with someone coached in the "
                                                             "month."},
                                              "total": {"type": "object",
                                                        "properties": figures,
                                                        "required": ["suppressed"],
                                                        "additionalProperties": False}},
                               "required": ["month", "partial", "programmes", "total"],
                               "additionalProperties": False}}},
            "required": ["k", "from", "to", "filters", "months"],
            "additionalProperties": False}
    return {"get": op(
        "reportHours", "Coaching hours per coachee against the target, per month", "reports",
        {"200": json_body(body, "One entry per month from from to to."),
         **errors(401, 403, 422)},
        description="Per calendar month and programme: its target (hours per coachee per "
                    "month), the people coached, the hours of the sessions held with them in "
                    "the month, the hours per coachee, and how many reached the target. "
                    "Programmes and totals are withheld as coverage's groups. Read from dates, statuses, durations and "
                    "assignment parties only. Administrators, executives and managers; 422 "
                    "naming the parameter when one is bad.",
        params=list(cov["parameters"]))}
def impact_path(models):
    """GET /api/reports/impact (plan/report.h, report_impact)."""
    cov = coverage_path(models)["get"]
    month = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}
    people = {"type": "integer", "minimum": 0}
    point = {"type": "number"}
    figure = {"type": "object",
              "properties": {
                  "treated": {**people, "description": "Distinct coachees weighed, each "
                                                       "once (their earliest relationship)."},
                  "control": {**people, "description": "Distinct people not coached with a "
                                                       "change around the coachees' months."},
                  "no_controls": {**people, "description": "Coachees with a change left out: "
                                                           "fewer than 2 people not coached "
                                                           "have one around their month."},
                  "enough": {"type": "boolean",
                             "description": "At least k people (and 2) on each side: the "
                                            "figures below are shown; else not enough data."},
                  "treated_change": {**point, "description": "The coachees' mean change, in "
                                                             "points (after - before)."},
                  "control_change": {**point, "description": "The mean, over the coachees, "
                                                             "of the mean change of the people "
                                                             "not coached around their month."},
                  "effect": {**point, "description": "treated_change - control_change: "
                                                     "each coachee against their month's "
                                                     "controls."},
                  "low": {**point, "description": "The effect's 95 % interval (Welch-"
                                                  "Satterthwaite over the months)."},
                  "high": point},
              "required": ["treated", "control", "no_controls", "enough"],
              "additionalProperties": False}
    impact = {"type": "object",
              "properties": {
                  "people": {**people, "description": "Distinct coachees with a change of "
                                                      "either figure."},
                  "controls": {**people, "description": "Distinct people not coached with "
                                                        "one."},
                  "waiting": {**people, "description": "Relationships whose months after are "
                                                       "not over yet: no figure yet."},
                  "attainment": figure, "win_rate": figure},
              "required": ["people", "controls", "waiting", "attainment", "win_rate"],
              "additionalProperties": False}
    body = {"type": "object",
            "properties": {
                "k": {"type": "integer", "description": "The fewest people a figure is "
                                                        "shown from."},
                "months_before_after": {"type": "integer", "minimum": 1,
                                        "description": "N, the setting impact_months."},
                "from": month, "to": month,
                "filters": cov["responses"]["200"]["content"]["application/json"]["schema"][
                    "properties"]["filters"],
                "total": impact,
                "models": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"model": {"type": "string", "enum": models},
                                   "impact": impact},
                    "required": ["model", "impact"], "additionalProperties": False}}},
            "required": ["k", "months_before_after", "from", "to", "filters", "total",
                         "models"],
            "additionalProperties": False}
    return {"get": op(
        "reportImpact", "Impact of coaching on attainment and win rate", "reports",
        {"200": json_body(body, "The total and one entry per coaching model."),
         **errors(401, 403, 422)},
        description="Impact (PRODUCT.md, Calculations): for the coaching relationships "
                    "(assignments not paused) begun in a month from from to to, the change "
                    "of each coachee's attainment (revenue / quota) and win rate (won / "
                    "(won + lost)) from the N months before that month to the N months after "
                    "(N = impact_months; the month itself is left out), against the same "
                    "change of the people not coached in those months: a difference in "
                    "differences, each coachee once against the people not coached around "
                    "their own month, with its 95 % confidence interval (Welch-"
                    "Satterthwaite). With fewer than k people on either side only the counts "
                    "are given (enough: false); a figure is withheld too when the total less "
                    "the models shown, or the same report without filters, would give back "
                    "1 to k - 1 coachees. Dates, statuses, parties and sales figures only; "
                    "no one named. Administrators, executives and managers; 422 naming the "
                    "parameter when one is bad.",
        params=cov["parameters"])}
def acceptance_path(models):
    """GET /api/reports/acceptance (plan/report.h, report_acceptance)."""
    month = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}
    mean = {"type": ["number", "null"], "minimum": 1, "maximum": 5}
    items = ["respect", "trust", "helps", "part_of_team", "not_reporting",
             "feels_like_assessment"]
    cell = {"type": "object",
            "properties": {
                "answers": {"type": ["integer", "null"], "minimum": 0,
                            "description": "Answers given in the month; null below "
                                           "min_answers, and to anyone but administrators "
                                           "when the cell is withheld."},
                "withheld": {"type": "boolean",
                             "description": "There are answers, but their means are not shown "
                                            "(the month's round is open, fewer than "
                                            "min_answers, not proven to come from k people, or "
                                            "withheld so that a figure beside it gives no "
                                            "smaller group back)."},
                "mean": {**mean, "description": "Of respect, trust, helps and part_of_team, "
                                                "one decimal."},
                **{i: {**mean, "description": "The item's mean, one decimal; null when fewer "
                                              "than min_answers answered it, or when it is "
                                              "withheld so that a figure beside it gives no "
                                              "smaller group back."} for i in items}},
            "required": ["answers", "withheld", "mean", *items], "additionalProperties": False}
    change = {"oneOf": [{"type": "null"}, {
        "type": "object",
        "properties": {"from": month, "to": month,
                       "change": {"type": "number", "description": "The mean of to less the "
                                                                   "mean of from."}},
        "required": ["from", "to", "change"], "additionalProperties": False}]}
    months = {"type": "array", "items": {
        "type": "object",
        "properties": {"month": month,
                       "open": {"type": "boolean",
                                "description": "This month (the organisation's today) or "
                                               "later: the round is still open, and every "
                                               "cell of it is withheld."},
                       "coachee": cell, "management": cell},
        "required": ["month", "open", "coachee", "management"], "additionalProperties": False}}
    trend = {"type": "object", "properties": {"coachee": change, "management": change},
             "required": ["coachee", "management"], "additionalProperties": False,
             "description": "Per group, the change of the mean from its first shown month to "
                            "its last; null unless two months are shown."}
    model = {"type": "object",
             "properties": {"model": {"type": "string", "enum": models}, "months": months,
                            "trend": trend},
             "required": ["model", "months", "trend"], "additionalProperties": False}
    coach = {"type": "object",
             "properties": {"coach": {"type": "integer", "description": "The coach profile."},
                            "name": {"type": "string"},
                            "kind": {"type": "string", "enum": models},
                            "months": months, "trend": trend},
             "required": ["coach", "name", "kind", "months", "trend"],
             "additionalProperties": False}
    op_ = coverage_path(models)["get"]
    body = {"type": "object",
            "properties": {
                "k": {"type": "integer"}, "k_survey": {"type": "integer"},
                "min_answers": {"type": "integer",
                                "description": "The larger of k and k_survey: the fewest "
                                               "answers a mean is shown of."},
                "from": month, "to": month,
                "filters": op_["responses"]["200"]["content"]["application/json"]["schema"][
                    "properties"]["filters"],
                "models": {"type": "array", "items": model,
                           "description": "Per coaching model (the kind each answer's coach "
                                          "had when it was stored); empty for a reader who "
                                          "sees only their own rows."},
                "coaches": {"type": "array", "items": coach,
                            "description": "Every coach with answers for administrators (a "
                                           "coach whose kind changed once per kind); else "
                                           "the reader's own coach profile, if any."}},
            "required": ["k", "k_survey", "min_answers", "from", "to", "filters", "models",
                         "coaches"],
            "additionalProperties": False}
    return {"get": op(
        "reportAcceptance", "The pulse survey per month, model and coach", "reports",
        {"200": json_body(body, "One entry per month from from to to, per model and coach."),
         **errors(401, 403, 422)},
        description="Acceptance: the pulse survey's answers per calendar month (answered_on), "
                    "per coaching model and per coach, for coachees and management apart: "
                    "answers, the mean of the first four items and each item's mean, and the "
                    "trend. Answers are counted and summed, never listed. This month's round "
                    "is open: withheld for everyone until the month is over. A coach's mean "
                    "is shown from min_answers answers on, each item from min_answers "
                    "answers of that item, and further ones are withheld until the withheld "
                    "answers of a model and month could be shown by themselves; a model's "
                    "mean needs min_answers answers of which k about one coach (one person "
                    "answers about a coach once a month). team and programme narrow to "
                    "coaches with an assignment in such a programme in the range; then a "
                    "model's figure is shown only when none of its selected coaches' is "
                    "withheld. An answer counts for the kind its coach had when it was "
                    "stored. Administrators: every "
                    "coach and model; executives and managers: the models (and their own "
                    "rows when they coach); coaches: their own rows only; others 403. 422 "
                    "naming the parameter when one is bad.",
        params=op_["parameters"])}


def coaches_path(models):
    """GET /api/reports/coaches (plan/report.h, report_coaches)."""
    cov = coverage_path(models)["get"]
    schema = impact_path(models)["get"]["responses"]["200"]["content"]["application/json"][
        "schema"]
    month = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}
    count = {"type": "integer", "minimum": 0}
    pct = {"type": ["number", "null"], "minimum": 0}
    coach = {"type": "object",
             "properties": {"id": {"type": "integer", "description": "The coach profile."},
                            "person": {"type": "object",
                                       "properties": {"id": {"type": "integer"},
                                                      "name": {"type": "string"}},
                                       "required": ["id", "name"],
                                       "additionalProperties": False},
                            "kind": {"type": "string", "enum": models},
                            "active": {"type": "boolean"}},
             "required": ["id", "person", "kind", "active"], "additionalProperties": False}
    mon = {"type": "object",
           "properties": {"month": month,
                          "coachees": {**count, "description": "Distinct people of the "
                                       "coach's assignments not paused whose span meets the "
                                       "month, within the filters."},
                          "capacity": {**count, "description": "The profile's capacity."},
                          "load_pct": {**pct, "description": "coachees of capacity, in per "
                                       "cent to one decimal (null with capacity 0)."}},
           "required": ["month", "coachees", "capacity", "load_pct"],
           "additionalProperties": False}
    cadence = {"type": "object",
               "properties": {"kept": count,
                              "coachee_months": {**count, "description": "A coachee in a "
                                                 "month of the range that is over."},
                              "pct": {**pct, "maximum": 100}},
               "required": ["kept", "coachee_months", "pct"], "additionalProperties": False,
               "description": "A coachee-month is kept when the minutes held in it reach the "
                              "programme's target hours, pro-rated for the days the "
                              "relationship ran (the rule below-cadence)."}
    feedback = {"type": "object",
                "properties": {"people": {**count, "description": "Coachees who rated a "
                                          "session held in the range."},
                               "mean": {"type": ["number", "null"], "minimum": 1,
                                        "maximum": 5, "description": "The mean over them of "
                                        "each one's mean rating, to one decimal; null below "
                                        "k people."}},
                "required": ["people", "mean"], "additionalProperties": False}
    entry = {"type": "object",
             "properties": {"coach": coach, "months": {"type": "array", "items": mon},
                            "cadence": cadence, "feedback": feedback,
                            "impact": schema["properties"]["total"]},
             "required": ["coach", "months", "cadence", "feedback", "impact"],
             "additionalProperties": False}
    body = {"type": "object",
            "properties": {"k": {"type": "integer"}, "from": month, "to": month,
                           "filters": schema["properties"]["filters"],
                           "coaches": {"type": "array", "items": entry}},
            "required": ["k", "from", "to", "filters", "coaches"],
            "additionalProperties": False}
    return {"get": op(
        "reportCoaches", "Per coach: load, cadence, feedback and impact", "reports",
        {"200": json_body(body, "One entry per coach the caller may read."),
         **errors(401, 403, 422)},
        description="Per coach profile (listed when it has a relationship within the filters "
                    "in the range, or when active and of the model's kind without a team or "
                    "programme filter): per month the coachees against capacity; the cadence "
                    "kept over the months that are over; the coachees' mean session feedback "
                    "(null below k coachees); and the impact (as /api/reports/impact) of the "
                    "coach's relationships begun in the range. Dates, statuses, durations, "
                    "feedback scores, parties and capacity only. It names coaches: "
                    "administrators read every coach, a coach their own entry; 403 for "
                    "anyone else; 422 naming the parameter when one is bad.",
        params=cov["parameters"])}


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The reports that export their table as well as the lists of records (docs/export.md).
EXPORTED_REPORTS = {"/api/alerts": "alerts", "/api/me/team": "people",
                    "/api/reports/programmes": "programmes", "/api/reports/coverage": "months",
                    "/api/reports/hours": "months", "/api/reports/impact": "models",
                    "/api/reports/coaches": "coaches", "/api/reports/acceptance": "models"}

# The rows of the reports of a range of months as a file (docs/export.md, export_report.c).
REPORT_ROWS = {
    "/api/reports/coverage": "a row per programme and month, then the month's total (total "
                             "true): month, partial, total, programme, model, team.id, "
                             "team.name, coached, with_session, share_pct, withheld",
    "/api/reports/hours": "a row per programme and month, then the month's total: month, "
                          "partial, total, programme, model, team.id, team.name, target, "
                          "coached, hours, hours_per_coachee, on_target, on_target_pct, "
                          "withheld",
    "/api/reports/impact": "per model, then the total, a row per figure (attainment, "
                           "win_rate): model, total, figure, people, controls, waiting, "
                           "treated, control, no_controls, treated_change, control_change, "
                           "effect, low, high, enough",
    "/api/reports/coaches": "one row per coach with the range's figures: coach, person, name, "
                            "kind, active, last_month, coachees, capacity, load_pct, "
                            "mean_load_pct, coachee_months, kept, kept_pct, feedback_people, "
                            "feedback_mean, feedback_withheld, impact_people, and attainment_* "
                            "and win_rate_* as impact's columns",
    "/api/reports/acceptance": "per model, then per coach, a row per month and respondent "
                               "group: model, coach, name, month, open, group, answers, "
                               "withheld, mean, respect, trust, helps, part_of_team, "
                               "not_reporting, feels_like_assessment",
}


def export_formats(paths, parameters, headers):
    """Every list (a page of records) and the reports with a table also answer as CSV or XLSX
    (docs/export.md): the format parameter, and the media types of the 200 answer."""
    parameters["Format"] = {
        "name": "format", "in": "query", "required": False,
        "description": "json (default), csv or xlsx. Without it, an Accept header of text/csv "
                       "or of the XLSX type asks for that format. CSV is in the organisation's "
                       "separator and decimal mark (nl: ';' and ','; en: ',' and '.'), UTF-8 "
                       "with a BOM, a header row of field names; XLSX a spreadsheet with typed "
                       "cells. An export holds every row the filters select, not one page "
                       "(limit and offset, when given, take one part; at most 100000 rows, "
                       "else 422). Private fields the caller may not read are empty cells. "
                       "Any other value is 422.",
        "schema": {"type": "string", "enum": ["json", "csv", "xlsx"], "default": "json"}}
    headers["ContentDisposition"] = {
        "description": "Of an export: attachment; filename=\"sessions.csv\" (named after the "
                       "path).",
        "schema": {"type": "string"}}
    headers["TotalCount"] = {
        "description": "Of an export: how many rows the filters select.",
        "schema": {"type": "integer"}}
    for path, item in paths.items():
        o = item.get("get")
        if not o or "200" not in o["responses"] or path == "/api/accounts":
            continue
        ok = o["responses"]["200"]
        schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
        if not (schema.get("$ref", "").endswith("List") and schema["$ref"] != "#/components/"
                "schemas/AlertList") and path not in EXPORTED_REPORTS:
            continue
        o.setdefault("parameters", []).append(ref("parameters", "Format"))
        rows = REPORT_ROWS.get(path)
        what = ("the report as rows, " + rows + "; a withheld figure is an empty cell, never "
                "a 0") if rows else "the rows"
        ok["content"]["text/csv"] = {"schema": {
            "type": "string", "description": "With format=csv: " + what + " as CSV."}}
        ok["content"][XLSX_TYPE] = {"schema": {
            "type": "string", "contentMediaType": XLSX_TYPE,
            "description": "With format=xlsx: the rows as a spreadsheet."}}
        ok.setdefault("headers", {})
        ok["headers"]["Content-Disposition"] = ref("headers", "ContentDisposition")
        ok["headers"]["X-Total-Count"] = ref("headers", "TotalCount")
def notify_paths(paths):
    """The e-mail reminders' unsubscribe link (docs/email.md)."""
    message = {"type": "object", "properties": {
        "unsubscribed": {"type": "string", "enum": ["session", "actions", "alerts"],
                         "description": "The kind of e-mail the person no longer gets."},
        "message": {"type": "string", "description": "The same, in the e-mail's language."}},
        "required": ["unsubscribed", "message"]}
    token = [{"name": "id", "in": "path", "required": True,
              "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
              "description": "The unsubscribe token of one e-mail."}]
    confirm = {"type": "object", "properties": {
        "kind": {"type": "string", "enum": ["session", "actions", "alerts"],
                 "description": "The kind of e-mail a POST to this address unsubscribes from."},
        "message": {"type": "string", "description": "The question, in the e-mail's language."}},
        "required": ["kind", "message"]}
    page = {"text/html": {"schema": {"type": "string"}}}
    post = op(
        "unsubscribe", "Unsubscribe from one kind of e-mail", "notify",
        {"200": {"description": "The person the e-mail went to gets no more e-mails of its kind "
                                "(again: the same answer). A short HTML page when the request "
                                "accepts text/html (a browser), else JSON.",
                 "content": {"application/json": {"schema": message}, **page}},
         **errors(404)},
        description="The button of the page that GET shows, and the one-click unsubscribe of "
                    "RFC 8058 that mail clients send (List-Unsubscribe-Post: "
                    "List-Unsubscribe=One-Click). The token (64 hex digits, 256 random bits; "
                    "only a digest is stored) is the credential: no login, no CSRF token. "
                    "404 for an unknown token.",
        params=token, security=[])
    post["requestBody"] = {"required": False, "content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "List-Unsubscribe": {"type": "string", "enum": ["One-Click"]}}}}}}
    paths["/api/unsubscribe/{id}"] = {"get": op(
        "unsubscribeConfirm", "Ask before unsubscribing from one kind of e-mail", "notify",
        {"200": {"description": "What a POST to the same address would do; changes nothing "
                                "(mail scanners open links). A short HTML page with a button "
                                "that POSTs when the request accepts text/html, else JSON.",
                 "content": {"application/json": {"schema": confirm}, **page}},
         **errors(404)},
        description="The link at the foot of every e-mail of `salescoach notify` and in its "
                    "List-Unsubscribe header.",
        params=token, security=[]), "post": post}
    prefs = {"type": "object", "properties": {
        "lang": {"type": ["string", "null"], "enum": ["nl", "en", None],
                 "description": "The language of the caller's e-mails; null: the "
                                "organisation's locale."},
        "session": {"type": "boolean", "description": "Gets the reminder the day before a "
                                                      "session."},
        "actions": {"type": "boolean", "description": "Gets the weekly overdue action items."},
        "alerts": {"type": "boolean", "description": "Gets the weekly digest of open alerts."}},
        "additionalProperties": False}
    paths["/api/me/notifications"] = {
        "get": op("getMyNotifications", "The caller's e-mail choices", "me",
                  {"200": json_body({**prefs, "required": ["lang", "session", "actions",
                                                           "alerts"]},
                                    "The language and the kinds of e-mail the caller gets."),
                   **errors(401)}),
        "patch": op("changeMyNotifications", "Change the caller's e-mail choices", "me",
                    {"200": json_body({**prefs, "required": ["lang", "session", "actions",
                                                             "alerts"]},
                                      "The choices as stored."),
                     **errors(400, 401, 403, 422)},
                    description="Any of the members; the others stay. false unsubscribes "
                                "from that kind (as the link in the e-mail does), true "
                                "subscribes again.",
                    body=prefs, csrf=True)}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when docs/openapi.json is not up to date")
    ap.add_argument("--source", default=os.path.dirname(here), help="the repository root")
    args = ap.parse_args()
    with open(os.path.join(args.source, "src", "model", "entity.h"), encoding="utf-8") as fh:
        header = fh.read()
    kinds = parse_kinds(header)
    parse_flags(header)
    with open(os.path.join(args.source, "src", "model", "entity.c"), encoding="utf-8") as fh:
        entities, choices = parse_entity_c(fh.read(), kinds)
    with open(os.path.join(args.source, "src", "domain", "settings.c"), encoding="utf-8") as fh:
        settings = parse_settings_c(fh.read())
    text = json.dumps(build(entities, choices, settings), indent=2, ensure_ascii=False) + "\n"
    path = os.path.join(args.source, "docs", "openapi.json")
    if args.check:
        try:
            with open(path, encoding="utf-8") as fh:
                old = fh.read()
        except FileNotFoundError:
            old = ""
        if old != text:
            diff = difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                        "docs/openapi.json", "generated", n=1)
            sys.stdout.writelines(list(diff)[:60])
            sys.exit("gen_openapi.py: docs/openapi.json is out of date with src/model/entity.c; "
                     "run python3 tools/gen_openapi.py and commit the result")
        print("docs/openapi.json is up to date")
        return
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
