"""Summarizes run.sh's raw lines into benchmarks/results/http-load-spring.txt (medians over rounds)."""
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys

raw, out = sys.argv[1], sys.argv[2]
lines = open(raw).read().splitlines()
load = {}  # pair -> mode -> rounds' fields
starts = {}
for line in lines:
    fields = dict(re.findall(r"(\w+)=([^\s]+)", line))
    if "rps" in fields:
        load.setdefault(fields["pair"], {}).setdefault(fields["mode"], []).append(fields)
    elif "first_allowed_ms" in fields:
        starts.setdefault(fields["mode"], []).append(int(fields["first_allowed_ms"]))
tick = 1e6 / float(os.environ.get("CLK_TCK", "100"))


java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[-1]
report = [
    "InvokerGuard Spring load benchmark: the Spring sample's controller unguarded, behind InvokerGuard's",
    "starter, and behind Spring Security's OAuth2 resource server (Spring Boot 4.0.7, Tomcat)",
    "command:     mvn -B -q -pl benchmarks/spring-load -am package -DskipTests && benchmarks/spring-load/run.sh",
    "date:        " + datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "environment: " + java + ", " + platform.system() + " " + platform.machine()
    + "; the servers on CPU 1, one wrk per server on CPU 0 (taskset), loopback",
    "requests:    wrk -t1 -c" + os.environ.get("CONNECTIONS", "16")
    + ", GET /private/report with one of 8 valid tokens (2 callers) in turn, reused;",
    "             four servers up at once (the fourth a second unguarded one, the control), each in a session of",
    "             its own; loaded two at a time (guarded with unguarded, guarded with the resource server, unguarded",
    "             with the control); each pair warmed up with " + os.environ.get("WARMUP", "150s")
    + " of load, then rounds of " + os.environ.get("DURATION", "10s") + " per pair, pairs alternating",
    "policy:      guarded: the demo policy (3 bindings, 2 with conditions), every request allowed;",
    "             resource server: jwk-set-uri on the same local key endpoint, issuer-uri and audiences, no policy",
    "",
    "pair / mode                  req/s (median)   p50 ms   p99 ms   p99.9 ms   us/req   rounds (req/s)",
]


def us_per_request(rows):
    """The server's processor time per request over all rounds, in microseconds."""
    return sum(int(r["cpu_ticks"]) for r in rows) * tick / sum(int(r["requests"]) for r in rows)


for pair, modes in load.items():
    report.append(pair.replace("+", " with ") + ", loaded at once:")
    for mode, rows in modes.items():
        report.append("  %-26s %14.0f %8.3f %8.3f %10.3f %8.1f   %s" % (
            mode, statistics.median(float(r["rps"]) for r in rows),
            statistics.median(float(r["p50_ms"]) for r in rows), statistics.median(float(r["p99_ms"]) for r in rows),
            statistics.median(float(r["p999_ms"]) for r in rows), us_per_request(rows),
            " / ".join("%.0f" % float(r["rps"]) for r in rows)))
errors = sum(int(r["errors"]) + int(r["non2xx"]) for m in load.values() for rs in m.values() for r in rs)
report.append("errors and non-2xx answers, all modes: %d" % errors)
report.append("")


def round_ratios(a, b):
    """A / B in each round of their pair, in round order."""
    by_round = {}
    for r in load[a + "+" + b][a] + load[a + "+" + b][b]:
        by_round.setdefault(int(r["round"]), {})[r["mode"]] = float(r["rps"])
    return [v[a] / v[b] for k, v in sorted(by_round.items())]


def cost_ratio(a, b):
    """B's processor time per request over A's, in their pair: A / B's throughput ratio if shares are equal."""
    rows = load[a + "+" + b]
    return us_per_request(rows[b]) / us_per_request(rows[a])


def verdict(other, target, meets):
    """The guarded server against OTHER in their pair: the rounds' ratios, their median, processor time."""
    ratios = round_ratios("guarded", other)
    median = statistics.median(ratios)
    return ("throughput ratio guarded / %s: %.3f (target %s: %s)\n"
            "  rounds' ratios: %s; processor time per request, %s / guarded: %.3f"
            % (other, median, target, "meets" if meets(median) else "MISSES", " ".join("%.3f" % x for x in ratios),
               other, cost_ratio("guarded", other)))


report.append(verdict("unguarded", ">= 0.90", lambda r: r >= 0.90))
report.append(verdict("resource-server", "> 1", lambda r: r > 1))
if "unguarded+control" in load:
    ratios = round_ratios("unguarded", "control")
    report.append("control, two unguarded servers loaded at once: %.3f (rounds' ratios: %s; processor time per"
                  " request: %.3f):\n  how far apart this method reads two equal servers"
                  % (statistics.median(ratios), " ".join("%.3f" % x for x in ratios),
                     cost_ratio("unguarded", "control")))
if starts:
    su, sg = statistics.median(starts["unguarded"]), statistics.median(starts["guarded"])
    report.append("")
    report.append("time from java -jar to the first allowed answer (median of %d starts, alternating):"
                  % len(starts["guarded"]))
    report.append("  unguarded %d ms, guarded %d ms: the guard adds %d ms (target <= max(10%%, 150 ms) = %d ms)"
                  % (su, sg, sg - su, max(0.1 * su, 150)))
    report.append("  starts (ms): unguarded %s; guarded %s" % (starts["unguarded"], starts["guarded"]))
report += [line for line in lines if line.startswith("load average")]
open(out, "w").write("\n".join(report) + "\n")
print("\n".join(report))
