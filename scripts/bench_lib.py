#!/usr/bin/env python3
"""The measuring half of scripts/bench (which builds everything first).

Runs deploysim against the anchors of ../shared/anchors (the hand-written C++
limits, and SimPy when importable) in interleaved rounds: every round runs
every benchmark once in a fixed order, so the drift of a busy 2-core machine
hits all of them alike. Prints a table of medians and ratios to the limits
and the goals of issue 7, then the scaling measurement (N = 3 .. 10,000),
whose chart it writes as plain SVG.

usage: bench_lib.py --build DIR --anchors DIR [--rounds N] [--quick]
                    [--no-scaling] [--scaling-only] [--svg FILE] [--json FILE]
                    [--min-seconds S]
"""
import argparse
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCHOR_SRC = os.path.normpath(os.path.join(ROOT, "..", "shared", "anchors"))
SCENARIOS = os.path.join(ROOT, "bench", "scenarios")
TIME = "/usr/bin/time"

# (N, W) of the standard sizes and of the scaling measurement.
STANDARD = {3: 1, 100: 10, 10000: 100}
SCALING = [(3, 1), (10, 3), (100, 10), (1000, 32), (10000, 100)]


# --- running things ----------------------------------------------------------

class Run:
    """One process: its stdout, wall and CPU seconds, peak RSS in KiB."""

    def __init__(self, argv, env=None):
        fd, tpath = tempfile.mkstemp(prefix="bench-time-")
        os.close(fd)
        full_env = dict(os.environ)
        if env:
            full_env.update(env)
        try:
            p = subprocess.run([TIME, "-f", "%e %U %S %M", "-o", tpath] + argv, env=full_env,
                               capture_output=True, text=True)
            with open(tpath) as f:
                last = f.read().strip().splitlines()[-1].split()
        finally:
            os.unlink(tpath)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            raise RuntimeError(f"failed ({p.returncode}): {' '.join(argv)}")
        self.stdout = p.stdout
        self.wall = float(last[0])
        self.cpu = float(last[1]) + float(last[2])
        self.max_rss_kib = int(last[3])

    def keys(self):
        kv = {}
        for line in self.stdout.splitlines():
            for tok in line.split():
                if "=" in tok:
                    k, v = tok.split("=", 1)
                    try:
                        kv[k] = float(v)
                    except ValueError:
                        kv[k] = v
        return kv


def gbench(exe, pattern, min_time, env=None):
    """Runs Google Benchmarks matching `pattern`; returns {name: entry}."""
    r = Run([exe, f"--benchmark_filter={pattern}", "--benchmark_format=json",
             f"--benchmark_min_time={min_time}"], env)
    out = {}
    for b in json.loads(r.stdout)["benchmarks"]:
        if b.get("error_occurred"):
            raise RuntimeError(f"{b['name']}: {b.get('error_message')}")
        # items_per_second is per CPU second; the wall rate scales it by cpu/real.
        b["items_per_wall_second"] = b["items_per_second"] * b["cpu_time"] / b["real_time"]
        out[b["name"]] = b
    return out


def nice(x):
    """Rounds up to 1, 2 or 5 times a power of ten."""
    e = 10 ** math.floor(math.log10(max(x, 1)))
    for m in (1, 2, 5, 10):
        if m * e >= x:
            return int(m * e)
    return int(10 * e)


def calibrate(make_run, count, seconds):
    """Grows `count` until make_run(count) takes >= `seconds` of CPU and wall time."""
    while True:
        r = make_run(count)
        t = min(r.wall, r.cpu) if r.cpu > 0 else r.wall
        if t >= seconds:
            return count
        count = nice(count * max(2.0, 1.15 * seconds / max(t, 1e-3)))


# --- the benchmarks -------------------------------------------------------------

class Suite:
    def __init__(self, a):
        self.a = a
        self.deploysim = None if a.scaling_only else find_exe(a.build, "deploysim", required=False)
        # Until `deploysim montecarlo` exists, the canary rows fall back to the
        # in-process BM_Replication figures (and say so).
        self.have_mc = self.deploysim is not None and subprocess.run(
            [self.deploysim, "montecarlo", "--help"], capture_output=True).returncode == 0
        self.bench = os.path.join(a.build, "bench", "deploysim_bench")
        self.gen = os.path.join(a.build, "bench", "deploysim_bench_scenarios")
        self.heap = os.path.join(a.anchors, "cpp_heap_limit")
        self.canary = os.path.join(a.anchors, "cpp_canary_limit")
        self.py = {b: find_python(m) for b, m in (("simpy2", "SimPy"), ("simpy4", "simpy"))}
        self.simpy2 = self.py["simpy2"] is not None
        self.simpy4 = self.py["simpy4"] is not None
        self.counts = {}  # calibrated run counts, by benchmark name

    # deploysim montecarlo, whole process.
    def montecarlo(self, n, runs, threads):
        path = os.path.join(SCENARIOS, f"canary-{n}.yml")
        return Run([self.deploysim, "montecarlo", path, "--runs", str(runs), "--threads",
                    str(threads), "--format", "json", "-o", os.devnull])

    def limit(self, n, w, reps, no_fail=False):
        extra = ["--webhook-fail-p", "0", "--analysis-pass-p", "1"] if no_fail else []
        return Run([self.canary, "--envs", str(n), "--width", str(w), "--reps", str(reps)] + extra)

    def simpy(self, backend, n, w, reps):
        return Run([self.py[backend], os.path.join(ANCHOR_SRC, "simpy_canary.py"), "--backend",
                    backend, "--envs", str(n), "--width", str(w), "--reps", str(reps)])

    def calibrate_all(self):
        s = self.a.min_seconds
        c = self.counts
        for n, w in STANDARD.items():
            start = {3: 20000, 100: 1000, 10000: 5}[n]
            if self.have_mc:
                c[f"mc{n}"] = calibrate(lambda r: self.montecarlo(n, r, 1), start, s)
            else:
                c[f"mc{n}"] = 0
            c[f"limit{n}"] = calibrate(lambda r: self.limit(n, w, r), start * 10, s)
            print(f"calibrated: montecarlo N={n} --runs {c[f'mc{n}']}, "
                  f"limit --reps {c[f'limit{n}']}", flush=True)
        c["heap_events"] = calibrate(
            lambda e: Run([self.heap, "--heap", "binary", "--n", "1000", "--events", str(e)]),
            1_000_000, s)
        if self.simpy2:
            c["simpy2_100"] = calibrate(lambda r: self.simpy("simpy2", 100, 10, r), 200, s)
            c["simpy2_3"] = calibrate(lambda r: self.simpy("simpy2", 3, 1, r), 2000, s)
        if self.simpy4:
            c["simpy4_100"] = calibrate(lambda r: self.simpy("simpy4", 100, 10, r), 200, s)

    def round(self):
        """One pass over every benchmark; returns {figure: value}."""
        c, f = self.counts, {}
        mt = self.a.min_seconds
        for n in (1000, 10000):
            b = gbench(self.bench, f"^BM_HoldLoop/{n}$", mt)[f"BM_HoldLoop/{n}"]
            f[f"hold{n}.ds"] = b["items_per_wall_second"]
            f[f"hold{n}.ds_cpu"] = b["items_per_second"]
            k = Run([self.heap, "--heap", "binary", "--n", str(n), "--events",
                     str(c["heap_events"])]).keys()
            f[f"hold{n}.limit"] = k["events_per_sec"]
            f[f"hold{n}.limit_cpu"] = k["events_per_cpu_sec"]
        for n in (100, 3, 10000):
            w = STANDARD[n]
            if self.have_mc:
                r = self.montecarlo(n, c[f"mc{n}"], 1)
                f[f"canary{n}.ds"] = c[f"mc{n}"] / r.wall
                f[f"canary{n}.ds_cpu"] = c[f"mc{n}"] / r.cpu
                f[f"canary{n}.ds_rss_mib"] = r.max_rss_kib / 1024
            k = self.limit(n, w, c[f"limit{n}"]).keys()
            f[f"canary{n}.limit"] = k["reps_per_sec"]
            f[f"canary{n}.limit_cpu"] = k["reps_per_cpu_sec"]
            f[f"canary{n}.limit_events_per_rep"] = k["events_per_rep"]
            if n == 100 and self.have_mc:
                r2 = self.montecarlo(n, c[f"mc{n}"], 2)
                f["threads.cpu_per_rep_1"] = r.cpu / c[f"mc{n}"]
                f["threads.cpu_per_rep_2"] = r2.cpu / c[f"mc{n}"]
                f["threads.ratio"] = r2.cpu / r.cpu
                f["threads.speedup"] = r.wall / r2.wall
        g = gbench(self.bench, "^BM_(Replication|LoadDeployFile)/", 0.5 if self.a.quick else 1)
        for n in (3, 100, 10000):
            b = g[f"BM_Replication/{n}"]
            f[f"rep{n}.ds"] = b["items_per_wall_second"]
            f[f"rep{n}.ds_cpu"] = b["items_per_second"]
            f[f"rep{n}.events_per_rep"] = b["events_per_rep"]
            if not self.have_mc:
                f[f"canary{n}.ds"] = f[f"rep{n}.ds"]
                f[f"canary{n}.ds_cpu"] = f[f"rep{n}.ds_cpu"]
        f["load10000.ms"] = g["BM_LoadDeployFile/10000"]["real_time"]
        for backend, ok in (("simpy2", self.simpy2), ("simpy4", self.simpy4)):
            if not ok:
                continue
            for n, w in ((100, 10), (3, 1)):
                key = f"{backend}_{n}"
                if key in c:
                    k = self.simpy(backend, n, w, c[key]).keys()
                    f[f"canary{n}.{backend}"] = k["reps_per_sec"]
                    f[f"canary{n}.{backend}_cpu"] = k["reps_per_cpu_sec"]
        return f

    # The scaling measurement: BM_ReplicationFile of generated files vs the limit.
    def scaling(self, rounds):
        d = os.path.join(self.a.build, "bench", "scaling")
        os.makedirs(d, exist_ok=True)
        rows = {}
        for n, w in SCALING:
            for no_fail in (False, True):
                path = os.path.join(d, f"canary-{n}{'-no-fail' if no_fail else ''}.yml")
                argv = [self.gen, "--envs", str(n), "--width", str(w), "-o", path]
                subprocess.run(argv + (["--no-fail"] if no_fail else []), check=True)
                rows[(n, no_fail)] = {"path": path, "w": w}
        for (n, no_fail), row in rows.items():
            row["reps"] = calibrate(lambda r: self.limit(n, row["w"], r, no_fail),
                                    max(10, 2_000_000 // n), self.a.min_seconds / 2)
        mt = 0.5 if self.a.quick else 1
        for i in range(rounds):
            for (n, no_fail), row in rows.items():
                b = gbench(self.bench, "^BM_ReplicationFile$", mt,
                           {"DEPLOYSIM_BENCH_SCENARIO": row["path"]})["BM_ReplicationFile"]
                k = self.limit(n, row["w"], row["reps"], no_fail).keys()
                row.setdefault("ds", []).append(b["items_per_second"])
                row.setdefault("limit", []).append(k["reps_per_cpu_sec"])
                row["ds_events"] = b["events_per_rep"]
                row["limit_events"] = k["events_per_rep"]
                print(f"scaling round {i + 1} N={n}{' no-fail' if no_fail else ''}: "
                      f"deploysim {b['items_per_second']:.4g} reps/cpu-s, "
                      f"limit {k['reps_per_cpu_sec']:.4g}", flush=True)
        out = []
        for (n, no_fail), row in rows.items():
            ds, lim = statistics.median(row["ds"]), statistics.median(row["limit"])
            out.append({"n": n, "width": row["w"], "no_fail": no_fail,
                        "ds_reps_per_cpu_sec": ds, "limit_reps_per_cpu_sec": lim,
                        "ds_events_per_rep": row["ds_events"],
                        "limit_events_per_rep": row["limit_events"],
                        "ds_events_per_cpu_sec": ds * row["ds_events"],
                        "ds_ns_per_target_rep": 1e9 / (ds * n),
                        "limit_ns_per_target_rep": 1e9 / (lim * n),
                        "ratio": ds / lim})
        return out


def find_exe(build, name, required=True):
    for dirpath, _, files in os.walk(build):
        if name in files and os.access(os.path.join(dirpath, name), os.X_OK):
            if "CMakeFiles" not in dirpath:
                return os.path.join(dirpath, name)
    if required:
        raise SystemExit(f"bench_lib: no {name} executable under {build}")
    return None


def find_python(module):
    """An interpreter that can import `module` (this one, or Debian's), or None."""
    for py in (sys.executable, "/usr/bin/python3"):
        try:
            if subprocess.run([py, "-c", f"import {module}"], capture_output=True).returncode == 0:
                return py
        except OSError:
            pass
    return None


# --- the report -----------------------------------------------------------------

def med(rounds, key):
    vals = [r[key] for r in rounds if key in r]
    return statistics.median(vals) if vals else None


def pct(x):
    return "n/a" if x is None else f"{100 * x:.0f} %"


def fmt(x):
    if x is None:
        return "n/a"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def table(rounds, counts):
    m = lambda k: med(rounds, k)  # noqa: E731
    lines = ["| workload | deploysim | C++ limit | ratio (wall) | ratio (CPU) | floor | goal | met |",
             "|---|---|---|---|---|---|---|---|"]

    def ratio_row(name, key, unit, floor, goal):
        ds, lim = m(f"{key}.ds"), m(f"{key}.limit")
        dsc, limc = m(f"{key}.ds_cpu"), m(f"{key}.limit_cpu")
        rw = ds / lim if ds and lim else None
        rc = dsc / limc if dsc and limc else None
        worst = min(x for x in (rw, rc, math.inf) if x is not None)
        met = "n/a" if worst == math.inf else ("goal" if worst >= goal else
                                               "floor" if worst >= floor else "NO")
        lines.append(f"| {name} ({unit}) | {fmt(ds)} | {fmt(lim)} | {pct(rw)} | {pct(rc)} "
                     f"| {pct(floor)} | ≥ {pct(goal)} | {met} |")

    ratio_row("hold loop, 1,000 pending", "hold1000", "events/s", 0.40, 0.60)
    ratio_row("hold loop, 10,000 pending", "hold10000", "events/s", 0.40, 0.60)
    how = (lambda n: f"montecarlo --runs {counts[f'mc{n}']}" if counts[f"mc{n}"]
           else "BM_Replication: no montecarlo CLI yet")
    ratio_row(f"canary N = 100, {how(100)}", "canary100", "reps/s", 0.25, 0.50)
    ratio_row(f"canary N = 3, {how(3)}", "canary3", "reps/s", 0.05, 0.10)
    ratio_row(f"canary N = 10,000, {how(10000)}", "canary10000", "reps/s", 0.25, 0.50)
    ev, lev = m("rep100.events_per_rep"), m("canary100.limit_events_per_rep")
    r = ev / lev if ev and lev else None
    lines.append(f"| events per replication, N = 100 | {fmt(ev)} | {fmt(lev)} | "
                 f"{'n/a' if r is None else f'{r:.2f}×'} | | ≤ 2× | ≤ 1.5× | "
                 f"{'n/a' if r is None else 'goal' if r <= 1.5 else 'floor' if r <= 2 else 'NO'} |")
    t = m("threads.ratio")
    lines.append(f"| CPU s per replication, 2 threads vs 1 (N = 100) | "
                 f"{fmt(m('threads.cpu_per_rep_2') and m('threads.cpu_per_rep_2') * 1e6)} µs "
                 f"vs {fmt(m('threads.cpu_per_rep_1') and m('threads.cpu_per_rep_1') * 1e6)} µs | | "
                 f"{'n/a' if t is None else f'{t:.3f}×'} | | ≤ 1.25× | ≤ 1.15× | "
                 f"{'n/a' if t is None else 'goal' if t <= 1.15 else 'floor' if t <= 1.25 else 'NO'} |")
    rss = m("canary10000.ds_rss_mib")
    lines.append(f"| peak memory, montecarlo canary N = 10,000 | {fmt(rss)} MiB | | | | | "
                 f"≤ 100 MB | {'n/a' if rss is None else 'goal' if rss * 1.048576 <= 100 else 'NO'} |")
    lines.append("")
    lines.append("| in-process (deploysim_bench) | CPU-time rate | wall rate | events/rep |")
    lines.append("|---|---|---|---|")
    for n in (3, 100, 10000):
        lines.append(f"| BM_Replication/{n} (reps/s) | {fmt(m(f'rep{n}.ds_cpu'))} | "
                     f"{fmt(m(f'rep{n}.ds'))} | {fmt(m(f'rep{n}.events_per_rep'))} |")
    lines.append(f"| BM_LoadDeployFile/10000 (ms per load) | | {fmt(m('load10000.ms'))} | |")
    if any(k.startswith("canary100.simpy") for r in rounds for k in r):
        lines.append("")
        lines.append("| peer (SimPy) | SimPy reps/s | deploysim reps/s | deploysim / SimPy |")
        lines.append("|---|---|---|---|")
        for b in ("simpy2", "simpy4"):
            for n in (100, 3):
                s = m(f"canary{n}.{b}")
                if s:
                    d = m(f"canary{n}.ds")
                    lines.append(f"| canary N = {n}, {b} | {fmt(s)} | {fmt(d)} | "
                                 f"{fmt(d / s) if d else 'n/a'}× |")
    return "\n".join(lines)


def scaling_table(rows):
    lines = ["| N | W | variant | deploysim reps/CPU-s | events/rep | events/CPU-s | "
             "ns per target-rep | limit ns per target-rep | limit events/rep | ratio |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['width']} | {'no-fail' if r['no_fail'] else 'standard'} "
                     f"| {fmt(r['ds_reps_per_cpu_sec'])} | {fmt(r['ds_events_per_rep'])} "
                     f"| {fmt(r['ds_events_per_cpu_sec'])} | {fmt(r['ds_ns_per_target_rep'])} "
                     f"| {fmt(r['limit_ns_per_target_rep'])} | {fmt(r['limit_events_per_rep'])} "
                     f"| {pct(r['ratio'])} |")
    return "\n".join(lines)


def svg_chart(rows, path, note):
    """Cost per target per replication against N, log-log, plain SVG."""
    W, H, L, R, T, B = 760, 440, 80, 200, 50, 60
    series = [("deploysim, standard", "ds_ns_per_target_rep", False, "#1f77b4", ""),
              ("deploysim, no-fail", "ds_ns_per_target_rep", True, "#1f77b4", "6,4"),
              ("C++ limit, standard", "limit_ns_per_target_rep", False, "#d62728", ""),
              ("C++ limit, no-fail", "limit_ns_per_target_rep", True, "#d62728", "6,4")]
    ys = [r[k] for _, k, _, _, _ in series for r in rows]
    xs = [r["n"] for r in rows]
    x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if y1 == y0:
        y1 += 1
    px = lambda x: L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)  # noqa: E731
    py = lambda y: T + (1 - (math.log10(y) - y0) / (y1 - y0)) * (H - T - B)  # noqa: E731
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
         f'viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{L}" y="22" font-size="15" font-weight="bold">Cost per target per '
         f'replication (CPU ns, log scale) vs targets N</text>',
         f'<text x="{L}" y="40" fill="#555">{note}</text>']
    for e in range(y0, y1 + 1):
        for mlt in (1, 2, 5):
            v = mlt * 10 ** e
            if v > 10 ** y1:
                break
            y = py(v)
            o.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" '
                     f'stroke="{"#ccc" if mlt == 1 else "#eee"}"/>')
            if mlt == 1 or (y1 - y0) <= 2:
                o.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(v)}</text>')
    for n in sorted(set(xs)):
        x = px(n)
        o.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#eee"/>')
        o.append(f'<text x="{x:.1f}" y="{H - B + 18}" text-anchor="middle">{n:,}</text>')
    o.append(f'<text x="{(L + W - R) / 2:.0f}" y="{H - 15}" text-anchor="middle">'
             f'targets N (layers of W ≈ √N)</text>')
    o.append(f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>')
    o.append(f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>')
    for i, (label, key, no_fail, color, dash) in enumerate(series):
        pts = sorted((r["n"], r[key]) for r in rows if r["no_fail"] == no_fail)
        d = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        o.append(f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="2" '
                 f'stroke-dasharray="{dash or "none"}"/>')
        for x, y in pts:
            o.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{color}"/>')
        ly = T + 20 + 22 * i
        o.append(f'<line x1="{W - R + 15}" y1="{ly}" x2="{W - R + 45}" y2="{ly}" stroke="{color}" '
                 f'stroke-width="2" stroke-dasharray="{dash or "none"}"/>')
        o.append(f'<text x="{W - R + 52}" y="{ly + 4}">{label}</text>')
    o.append("</svg>")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(o) + "\n")


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "loadavg": os.getloadavg()}


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("--build", required=True)
    ap.add_argument("--anchors", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--scaling-rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="2 rounds of ~0.5 s runs; a smoke test")
    ap.add_argument("--no-scaling", action="store_true")
    ap.add_argument("--scaling-only", action="store_true")
    ap.add_argument("--min-seconds", type=float, default=2.0)
    ap.add_argument("--svg", default=os.path.join(ROOT, "reports", "scaling.svg"))
    ap.add_argument("--json", default=None, help="write every raw figure here")
    a = ap.parse_args()
    if a.quick:
        a.rounds, a.scaling_rounds, a.min_seconds = min(a.rounds, 2), 1, 0.5
    if not os.path.exists(TIME):
        raise SystemExit("bench_lib: /usr/bin/time is missing (Debian package `time`)")
    s = Suite(a)
    info = machine()
    print(f"machine: {info['nproc']} × {info['cpu']}, {info['date']}, load {info['loadavg']}")
    print(f"simpy2={'yes' if s.simpy2 else 'no'} simpy4={'yes' if s.simpy4 else 'no'}")
    result = {"machine": info, "args": vars(a)}
    if not a.scaling_only:
        s.calibrate_all()
        rounds = []
        for i in range(a.rounds):
            f = s.round()
            rounds.append(f)
            print(f"round {i + 1}: " + ", ".join(
                f"{k}={fmt(v)}" for k, v in f.items() if k.endswith((".ds", ".limit"))),
                flush=True)
        result.update(counts=s.counts, rounds=rounds)
        t = table(rounds, s.counts)
        result["table"] = t
        print()
        print(f"medians of {a.rounds} interleaved rounds; ratio (wall) = deploysim / limit "
              "on wall-clock rates, ratio (CPU) on CPU-time rates")
        print(t)
    if not a.no_scaling:
        rows = s.scaling(a.scaling_rounds)
        result["scaling"] = rows
        st = scaling_table(rows)
        result["scaling_table"] = st
        print()
        print(f"scaling (medians of {a.scaling_rounds} rounds, CPU-time rates; deploysim = "
              "BM_ReplicationFile in process, limit = cpp_canary_limit)")
        print(st)
        svg_chart(rows, a.svg, f"{info['nproc']} × {info['cpu']}, {info['date'][:10]}; "
                               f"medians of {a.scaling_rounds} rounds")
        print(f"wrote {a.svg}")
    result["machine"]["loadavg_end"] = os.getloadavg()
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1, default=str)
        print(f"wrote {a.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
