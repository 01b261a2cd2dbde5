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
load = {}
starts = {}
for line in lines:
    fields = dict(re.findall(r"(\w+)=([^\s]+)", line))
    if "rps" in fields:
        load.setdefault(fields["mode"], []).append(fields)
    elif "first_allowed_ms" in fields:
        starts.setdefault(fields["mode"], []).append(int(fields["first_allowed_ms"]))


def med(mode, key):
    return statistics.median(float(r[key]) for r in load[mode])


java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[-1]
report = [
    "InvokerGuard Spring load benchmark: the Spring sample's controller unguarded, behind InvokerGuard's",
    "starter, and behind Spring Security's OAuth2 resource server (Spring Boot 4.0.7, Tomcat)",
    "command:     mvn -B -q -pl benchmarks/spring-load -am package -DskipTests && benchmarks/spring-load/run.sh",
    "date:        " + datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "environment: " + java + ", " + platform.system() + " " + platform.machine()
    + "; the three servers on CPU 1, wrk on CPU 0 (taskset), loopback",
    "requests:    wrk -t1 -c" + os.environ.get("CONNECTIONS", "16")
    + ", GET /private/report with one of 8 valid tokens (2 callers) in turn, reused;",
    "             all three servers up at once; each warmed up alone with " + os.environ.get("WARMUP", "75s")
    + " of load, then rounds of " + os.environ.get("DURATION", "10s") + " per mode, modes alternating",
    "policy:      guarded: the demo policy (3 bindings, 2 with conditions), every request allowed;",
    "             resource server: jwk-set-uri on the same local key endpoint, issuer-uri and audiences, no policy",
    "",
    "mode              req/s (median)   p50 ms   p99 ms   p99.9 ms   rounds (req/s)",
]
for mode in ["unguarded", "guarded", "resource-server"]:
    if mode in load:
        report.append("%-17s %14.0f %8.3f %8.3f %10.3f   %s" % (
            mode, med(mode, "rps"), med(mode, "p50_ms"), med(mode, "p99_ms"), med(mode, "p999_ms"),
            " / ".join("%.0f" % float(r["rps"]) for r in load[mode])))
errors = sum(int(r["errors"]) + int(r["non2xx"]) for rs in load.values() for r in rs)
report.append("errors and non-2xx answers, all modes: %d" % errors)
report.append("")


def round_ratios(a, b):
    """The ratio a / b of each round (neighbouring measurements), in round order."""
    by_round = {}
    for mode in (a, b):
        for r in load[mode]:
            by_round.setdefault(r["round"], {})[mode] = float(r["rps"])
    return [v[a] / v[b] for k, v in sorted(by_round.items(), key=lambda kv: int(kv[0])) if a in v and b in v]


gu, gr = round_ratios("guarded", "unguarded"), round_ratios("guarded", "resource-server")
report.append("throughput ratio guarded / unguarded:        %.3f  (median of the rounds' ratios: %s; target >= 0.90)"
              % (statistics.median(gu), " ".join("%.2f" % x for x in gu)))
report.append("throughput ratio guarded / resource server:  %.3f  (median of the rounds' ratios: %s; target > 1)"
              % (statistics.median(gr), " ".join("%.2f" % x for x in gr)))
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
