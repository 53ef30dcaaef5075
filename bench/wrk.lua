-- wrk.lua - the request script for bench/run.sh. One script, three loads, picked by
-- BENCH_MODE: "get" (GET /api/v1/users/1 with the session cookie), "create" (POST
-- /api/v1/departments with a unique code per request and the CSRF header), "wo_create"
-- (POST /api/v1/workorders: a message-board order with deadlines and duplicate check),
-- "health" (GET /api/v1/health, no session). done() prints one machine-readable line that
-- run.sh turns into the table:
--   RESULT <name> <requests> <seconds> <req/s> <p50 ms> <p99 ms> <max ms> <socket errors> <HTTP status >= 400>
local mode = os.getenv("BENCH_MODE") or "health"
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local run = os.getenv("BENCH_RUN") or "0"
local parent = os.getenv("BENCH_PARENT") or "1"

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local n = 0

function init(args)
  wrk.headers["Connection"] = "keep-alive"
  if mode ~= "health" then
    wrk.headers["Cookie"] = cookie
  end
  if mode == "create" or mode == "wo_create" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["X-CSRF-Token"] = csrf
  end
end

function request()
  if mode == "create" then
    n = n + 1
    -- unique per run, thread and request; the column allows 32 bytes
    local code = string.format("B%s-%d-%d", run, tid, n)
    local body = string.format(
      '{"parent_id":%s,"name":"压测部门 %s","code":"%s","kind":"internal","sort":%d}',
      parent, code, code, n % 1000)
    return wrk.format("POST", "/api/v1/departments", nil, body)
  elseif mode == "wo_create" then
    n = n + 1
    local body = string.format(
      '{"channel":"board","category":"help","subject":"压测工单 %s-%d-%d",' ..
      '"content":"园区道路破损，请尽快修复","citizen_phone":"139%08d"}', run, tid, n, n)
    return wrk.format("POST", "/api/v1/workorders", nil, body)
  elseif mode == "get" then
    return wrk.format("GET", "/api/v1/users/1")
  end
  return wrk.format("GET", "/api/v1/health")
end

function done(summary, latency, requests)
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %s %d %.2f %.1f %.3f %.3f %.3f %d %d\n",
    mode, summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    sock, e.status))
end
