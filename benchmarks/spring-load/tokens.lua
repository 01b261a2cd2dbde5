-- wrk: GET /private/report with one of the tokens in $TOKENS_FILE (one a line), in turn: callers reuse
-- their tokens as real ones do.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do
  tokens[#tokens + 1] = line
end
local i = 0

request = function()
  i = i % #tokens + 1
  return wrk.format("GET", "/private/report", {["Authorization"] = "Bearer " .. tokens[i]})
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f"
      .. " errors=%d non2xx=%d\n", summary.requests, summary.duration / 1e6,
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.status))
end
