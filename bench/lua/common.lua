-- Shared by the bench's wrk scripts: counts statuses per thread and writes a JSON summary
-- (throughput, latency percentiles, status counts) to $BENCH_OUT when wrk finishes.
local M = {}
local threads = {}

function M.setup(thread)
  table.insert(threads, thread)
end

function M.count(status, body)
  counts = counts or {}
  counts[status] = (counts[status] or 0) + 1
  -- A webhook's answer: "accepted" (accept, then apply) or "confirm" (applied in the request).
  if body and (string.find(body, '"accepted"', 1, true) or string.find(body, '"confirm"', 1, true)) then
    confirmed = (confirmed or 0) + 1
  end
end

function M.done(summary, latency, requests)
  local statuses, sent, confirmed_total = {}, 0, 0
  for _, t in ipairs(threads) do
    local c = t:get("counts") or {}
    for status, n in pairs(c) do statuses[status] = (statuses[status] or 0) + n end
    sent = sent + (t:get("sent") or 0)
    confirmed_total = confirmed_total + (t:get("confirmed") or 0)
  end
  local parts = {}
  for status, n in pairs(statuses) do table.insert(parts, string.format('"%d": %d', status, n)) end
  local e = summary.errors
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "sent": %d, "confirmed": %d, ' ..
    '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "mean_ms": %.3f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"statuses": {%s}}',
    summary.requests, summary.duration, summary.bytes, sent, confirmed_total,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", ")))
  out:close()
end

return M
