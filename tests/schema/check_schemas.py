#!/usr/bin/python3
"""Checks the JSON Schemas of `deploysim schema` with a real validator.

Debian's python3-jsonschema (Draft 2020-12) and python3-yaml; run by CTest
(tests/schema/CMakeLists.txt), one check per invocation:

  check_schemas.py current  DEPLOYSIM SOURCE_DIR
      schemas/*.schema.json equal the command's output, byte for byte.
  check_schemas.py examples DEPLOYSIM SOURCE_DIR
      every committed example and scenario that `deploysim validate` accepts
      (lenient) is valid under its schema: tests/data, scenarios/, the small
      bench scenarios, and ../shared/examples/deploy when it is there.
  check_schemas.py accept   DEPLOYSIM SOURCE_DIR
      tests/schema/accept/*: files written to use every docs quirk and scalar
      form the loader accepts; both the loader and the schema accept each.
      Every key either schema defines (and deploysim reads) is used in them:
      the loader accepts each key the schema describes.
  check_schemas.py contract DEPLOYSIM SOURCE_DIR
      tests/schema/contract/*: the examples of SCENARIO.md and COMMANDS.md as
      written there, second-edition keys included; the schema accepts each.
  check_schemas.py reject   DEPLOYSIM SOURCE_DIR
      tests/schema/reject/*: wrong files; the schema rejects each for the
      reason its `# schema-error: TEXT` line names, and so does
      `deploysim validate --strict`.

A file with a top-level `deployment` key is a scenario file; any other is a
deploy file, unless a `# schema: scenario` line says otherwise. YAML is read with the YAML 1.2 core schema, as editors
(yaml-language-server) and the loader read it: `yes`, `on` and `09:00` stay
strings, and dates are not converted.
"""

import glob
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars (PyYAML implements 1.1)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))


def yaml_int(loader, node):
    return int(loader.construct_scalar(node), 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", yaml_int)


def read_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def string_keys(value):
    """JSON keys are strings; YAML keys may be numbers (`200: ok`)."""
    if isinstance(value, dict):
        return {str(k): string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [string_keys(v) for v in value]
    return value


class Checker:
    def __init__(self, deploysim, source_dir):
        self.deploysim = deploysim
        self.source_dir = source_dir
        self.validators = {}
        for kind in ("deploy", "scenario"):
            text = self.command_output("schema", kind)
            schema = json.loads(text)
            jsonschema.Draft202012Validator.check_schema(schema)
            self.validators[kind] = jsonschema.Draft202012Validator(schema)
        self.failures = []

    def command_output(self, *args):
        result = subprocess.run([self.deploysim, *args], capture_output=True, text=True,
                                check=False)
        if result.returncode != 0:
            sys.exit(f"deploysim {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result.stdout

    def loader_accepts(self, path, strict=False):
        args = [self.deploysim, "validate", path] + (["--strict"] if strict else [])
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        if result.returncode not in (0, 2):
            self.fail(f"{path}: deploysim validate exited {result.returncode}: {result.stderr}")
        return result.returncode == 0, result.stderr

    def schema_errors(self, path):
        document = string_keys(read_yaml(path))
        kind = "scenario" if isinstance(document, dict) and "deployment" in document else "deploy"
        with open(path, encoding="utf-8") as f:
            forced = re.findall(r"^# schema: (deploy|scenario)$", f.read(), re.M)
        kind = forced[0] if forced else kind
        errors = sorted(self.validators[kind].iter_errors(document), key=lambda e: list(e.path))
        return kind, errors

    def fail(self, message):
        self.failures.append(message)
        print("FAIL " + message)

    def relative(self, path):
        return os.path.relpath(path, self.source_dir)

    def finish(self, checked, what):
        print(f"{checked} {what} checked, {len(self.failures)} failed")
        if checked == 0:
            sys.exit(f"no {what} found under {self.source_dir}")
        sys.exit(1 if self.failures else 0)


def describe(error):
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"at {where}: {error.message}"


def all_messages(error):
    """An error and, for anyOf/oneOf, the errors of each branch."""
    yield describe(error)
    for sub in error.context or []:
        yield from all_messages(sub)


def check_current(checker):
    checked = 0
    for kind in ("deploy", "scenario"):
        committed = os.path.join(checker.source_dir, "schemas", f"{kind}.schema.json")
        checked += 1
        with open(committed, encoding="utf-8") as f:
            if f.read() != checker.command_output("schema", kind):
                checker.fail(f"schemas/{kind}.schema.json differs from `deploysim schema {kind}`:"
                             f" regenerate with `build/deploysim schema {kind} -o "
                             f"schemas/{kind}.schema.json`")
    checker.finish(checked, "committed schemas")


def example_files(source_dir):
    patterns = ["tests/data/*.y*ml", "scenarios/**/*.y*ml"]
    files = []
    for pattern in patterns:
        files += sorted(glob.glob(os.path.join(source_dir, pattern), recursive=True))
    # The bench scenarios small enough to read quickly (not the N = 10,000 ones).
    for path in sorted(glob.glob(os.path.join(source_dir, "bench/scenarios/*.yml"))):
        if os.path.getsize(path) < 100_000:
            files.append(path)
    shared = os.path.join(source_dir, "..", "shared", "examples", "deploy")
    files += sorted(glob.glob(os.path.join(shared, "*.y*ml")))
    return files


def check_examples(checker):
    checked = 0
    for path in example_files(checker.source_dir):
        accepted, stderr = checker.loader_accepts(path)
        kind, errors = checker.schema_errors(path)
        checked += 1
        name = checker.relative(path)
        if accepted and errors:
            checker.fail(f"{name}: `deploysim validate` accepts it, the {kind} schema does not:\n  "
                         + "\n  ".join(describe(e) for e in errors[:5]))
        elif accepted:
            print(f"ok   {name} ({kind})")
        else:
            verdict = "rejects it too" if errors else "leaves that check to the loader"
            first = stderr.splitlines()[0] if stderr else ""
            print(f"ok   {name}: the loader rejects it ({first}); the schema {verdict}")
    checker.finish(checked, "examples")


def check_accept(checker):
    checked, used = 0, set()
    for path in sorted(glob.glob(os.path.join(checker.source_dir, "tests/schema/accept/*.y*ml"))):
        checked += 1
        name = checker.relative(path)
        accepted, stderr = checker.loader_accepts(path)
        kind, errors = checker.schema_errors(path)
        if not accepted:
            checker.fail(f"{name}: `deploysim validate` rejects it:\n{stderr}")
        if errors:
            checker.fail(f"{name}: the {kind} schema rejects it:\n  "
                         + "\n  ".join(describe(e) for e in errors[:5]))
        if accepted and not errors:
            print(f"ok   {name} ({kind})")
        if accepted:
            used |= document_keys(string_keys(read_yaml(path)), set())
    for kind, validator in checker.validators.items():
        unused = sorted(schema_keys(validator.schema) - used)
        if unused:
            checker.fail(f"keys of the {kind} schema that no file of tests/schema/accept uses "
                         f"(add them there, or drop them from the schema): {', '.join(unused)}")
    checker.finish(checked, "accepted files")


AHEAD = "does not read this key yet"


def schema_keys(schema):
    """The property names reachable from the root, except those of keys the
    loader does not read yet (and what lies below them)."""
    names, seen_refs = set(), set()

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        target = node.get("$ref")
        if target and target not in seen_refs:
            seen_refs.add(target)
            walk(schema["$defs"][target.split("/")[-1]])
        for key, value in node.items():
            if key == "properties":
                for name, sub in value.items():
                    if AHEAD in sub.get("description", ""):
                        continue
                    names.add(name)
                    walk(sub)
            elif key not in ("$defs", "$ref"):
                walk(value)

    walk(schema)
    return names


def document_keys(value, into):
    if isinstance(value, dict):
        for key, sub in value.items():
            into.add(str(key))
            document_keys(sub, into)
    elif isinstance(value, list):
        for sub in value:
            document_keys(sub, into)
    return into


def check_contract(checker):
    checked = 0
    for path in sorted(glob.glob(os.path.join(checker.source_dir, "tests/schema/contract/*.yml"))):
        checked += 1
        kind, errors = checker.schema_errors(path)
        if errors:
            checker.fail(f"{checker.relative(path)}: the {kind} schema rejects it:\n  "
                         + "\n  ".join(describe(e) for e in errors[:5]))
        else:
            print(f"ok   {checker.relative(path)} ({kind})")
    checker.finish(checked, "contract examples")


def check_reject(checker):
    checked = 0
    for path in sorted(glob.glob(os.path.join(checker.source_dir, "tests/schema/reject/*.y*ml"))):
        checked += 1
        name = checker.relative(path)
        with open(path, encoding="utf-8") as f:
            wanted = re.findall(r"^# schema-error: (.+)$", f.read(), re.M)
        if not wanted:
            checker.fail(f"{name}: has no `# schema-error: TEXT` line")
            continue
        kind, errors = checker.schema_errors(path)
        messages = [m for e in errors for m in all_messages(e)]
        if not errors:
            checker.fail(f"{name}: the {kind} schema accepts it")
        for text in wanted:
            if errors and not any(text in m for m in messages):
                checker.fail(f"{name}: no schema error contains {text!r}; they are:\n  "
                             + "\n  ".join(messages[:12]))
        accepted, _ = checker.loader_accepts(path, strict=True)
        if accepted:
            checker.fail(f"{name}: `deploysim validate --strict` accepts it")
        if errors and not accepted and all(any(t in m for m in messages) for t in wanted):
            print(f"ok   {name} ({kind}): {wanted[0]}")
    checker.finish(checked, "wrong files")


def main():
    checks = {"current": check_current, "examples": check_examples, "accept": check_accept,
              "contract": check_contract, "reject": check_reject}
    if len(sys.argv) != 4 or sys.argv[1] not in checks:
        sys.exit(__doc__)
    checker = Checker(sys.argv[2], os.path.abspath(sys.argv[3]))
    checks[sys.argv[1]](checker)


if __name__ == "__main__":
    main()
