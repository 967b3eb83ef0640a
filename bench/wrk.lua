-- One endpoint under load, for bench/run.py. Everything comes from the environment:
--   BENCH_METHOD  GET or POST
--   BENCH_COOKIE  the Cookie header of a logged-in session (sessionid and csrftoken)
--   BENCH_CSRF    the CSRF token, sent as X-CSRFToken on POSTs
--   BENCH_BODY    a form body; each "{token}" becomes a fresh UUID on every request
--   BENCH_HTMX    "1" sends HX-Request: true and HX-Current-URL, as htmx does from the page
--   BENCH_PAGE    the page htmx would be on (HX-Current-URL)
--   BENCH_EXPECT  the status every answer should have (default 200)
-- At the end it prints one line, "BENCH_JSON {...}", with counts and latencies in µs.

local method = os.getenv("BENCH_METHOD") or "GET"
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local body = os.getenv("BENCH_BODY") or ""
local htmx = os.getenv("BENCH_HTMX") == "1"
local page = os.getenv("BENCH_PAGE") or ""
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  unexpected = 0
  first_unexpected = 0
  headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  -- A new connection for every request. Kept-alive connections stay with the worker that
  -- accepted them, and 4 of them often end up 3 to 1 between 2 workers: one core does
  -- most of the work and every median doubles, or not, from one run to the next.
  headers["Connection"] = "close"
  if htmx then
    headers["HX-Request"] = "true"
    headers["HX-Current-URL"] = page
  end
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-CSRFToken"] = csrf
  end
end

local function uuid4()
  return string.format(
    "%08x-%04x-4%03x-%04x-%06x%06x",
    math.random(0, 0x7fffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffff), math.random(0, 0xffffff)
  )
end

function request()
  if method == "POST" then
    local payload = body:gsub("{token}", uuid4)
    return wrk.format("POST", nil, headers, payload)
  end
  return wrk.format("GET", nil, headers)
end

function response(status, headers, body)
  if status ~= expect then
    unexpected = unexpected + 1
    if first_unexpected == 0 then first_unexpected = status end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    local status = thread:get("first_unexpected")
    if first == 0 and status ~= 0 then first = status end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "unexpected_status": %d, ' ..
    '"first_unexpected_status": %d, "socket_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, bad, first,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max
  ))
end
