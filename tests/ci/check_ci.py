#!/usr/bin/python3
"""Checks the CI pieces a team copies: .pre-commit-hooks.yaml and
docs/ci/github-actions.yml (run by CTest: tests/ci/CMakeLists.txt).

  check_ci.py DEPLOYSIM SOURCE_DIR

1. Both files are valid YAML; every `deploysim` command of the workflow's
   `run:` steps is a hook's entry (the same command, with its file arguments
   or options after it), and every hook's entry is one of them.
2. On a copy of tests/ci/sample-repo (a deploy file and two scenarios), the
   hooks' command lines run as pre-commit runs them (entry, then the files
   its `files` pattern selects unless pass_filenames is false), and so do the
   workflow's deploysim steps (with bash, as GitHub runs `run:`), deploysim on
   PATH: all pass, and the JUnit file reports both scenarios.
3. After breaking the sample (a deploy file error, a failed expectation), the
   same command lines fail with exit code 2 and 1, and the JUnit file reports
   the failure.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def workflow_commands(workflow):
    """The deploysim command lines of the workflow's `run:` steps."""
    commands = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in step.get("run", "").splitlines():
                if line.strip().startswith("deploysim "):
                    commands.append(line.strip())
    return commands


def repo_files(repo):
    files = []
    for folder, _, names in os.walk(repo):
        for name in names:
            files.append(os.path.relpath(os.path.join(folder, name), repo).replace(os.sep, "/"))
    return sorted(files)


def hook_command(hook, repo):
    """The command line pre-commit runs for `hook` on every file of `repo`."""
    command = shlex.split(hook["entry"]) + hook.get("args", [])
    if hook.get("pass_filenames", True):
        pattern = re.compile(hook.get("files", ""))
        command += [f for f in repo_files(repo) if pattern.search(f)]
    return command


def run(command, repo, env, shell=False):
    if shell:
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True,
                            check=False)
    return result.returncode, result.stdout + result.stderr


def junit_counts(path):
    suites = ET.parse(path).getroot()
    return int(suites.get("tests")), int(suites.get("failures"))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    deploysim, source_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    hooks = load(os.path.join(source_dir, ".pre-commit-hooks.yaml"))
    workflow = load(os.path.join(source_dir, "docs", "ci", "github-actions.yml"))
    commands = workflow_commands(workflow)

    # 1. The workflow runs the hooks' commands.
    check(isinstance(hooks, list) and len(hooks) == 2, "two hooks in .pre-commit-hooks.yaml")
    entries = [shlex.split(hook["entry"]) for hook in hooks]
    for hook in hooks:
        check(hook["language"] == "system" and hook["entry"].startswith("deploysim "),
              f"hook {hook['id']} runs deploysim from PATH")
    for command in commands:
        words = shlex.split(command)
        check(any(words[:len(e)] == e for e in entries),
              f"workflow step `{command}` is a hook's entry")
    for entry in entries:
        check(any(shlex.split(c)[:len(entry)] == entry for c in commands),
              f"hook entry `{' '.join(entry)}` is a workflow step")
    junit = [c for c in commands if "--junit" in c]
    check(len(junit) == 1, "the workflow writes JUnit once")
    junit_file = shlex.split(junit[0])[shlex.split(junit[0]).index("--junit") + 1]
    reports = [s for job in workflow["jobs"].values() for s in job["steps"]
               if junit_file in str(s.get("with", {}))]
    check(len(reports) >= 1, f"a workflow step reports {junit_file}")

    # 2. They pass on the sample repository.
    with tempfile.TemporaryDirectory() as scratch:
        repo = os.path.join(scratch, "repo")
        shutil.copytree(os.path.join(source_dir, "tests", "ci", "sample-repo"), repo)
        bin_dir = os.path.join(scratch, "bin")
        os.mkdir(bin_dir)
        os.symlink(deploysim, os.path.join(bin_dir, "deploysim"))
        env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))

        for hook in hooks:
            command = hook_command(hook, repo)
            code, output = run(command, repo, env)
            check(code == 0, f"hook {hook['id']}: `{' '.join(command)}` exits 0\n{output}")
        validate = hook_command(hooks[0], repo)
        check(validate[2:] == ["deploy.yml", "scenarios/tests-fail.yml",
                               "scenarios/tests-pass.yml"],
              f"deploysim-validate gets the deploy file and the scenarios: {validate[2:]}")
        for command in commands:
            code, output = run(command, repo, env, shell=True)
            check(code == 0, f"workflow `{command}` exits 0\n{output}")
        check(junit_counts(os.path.join(repo, junit_file)) == (2, 0),
              f"{junit_file} reports 2 scenarios, 0 failures")

        # 3. They fail when the repository is broken.
        with open(os.path.join(repo, "scenarios", "tests-pass.yml"), encoding="utf-8") as f:
            scenario = f.read()
        with open(os.path.join(repo, "scenarios", "tests-pass.yml"), "w", encoding="utf-8") as f:
            f.write(scenario.replace("prod: SUCCEEDED", "prod: FAILED"))
        code, output = run(hook_command(hooks[1], repo), repo, env)
        check(code == 1 and "1 passed, 1 failed" in output,
              f"deploysim-test exits 1 on a failed expectation\n{output}")
        code, output = run(junit[0], repo, env, shell=True)
        check(code == 1, f"workflow `{junit[0]}` exits 1 on a failed expectation")
        check(junit_counts(os.path.join(repo, junit_file)) == (2, 1),
              f"{junit_file} reports the failure")

        with open(os.path.join(repo, "deploy.yml"), encoding="utf-8") as f:
            deploy = f.read()
        with open(os.path.join(repo, "deploy.yml"), "w", encoding="utf-8") as f:
            f.write(deploy.replace("dependsOn: [staging]", "dependsOn: [stagign]"))
        code, output = run(hook_command(hooks[0], repo), repo, env)
        check(code == 2 and "deploy.yml:" in output and "names no target" in output,
              f"deploysim-validate exits 2 with the error's place\n{output}")
        check(output.count(": invalid (") == 3,
              f"deploysim-validate checks every file it is given\n{output}")

    print(f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
