-- G7's requests for wrk (BENCHMARKS.md): each thread sends its share of the pre-signed events of the
-- file named by the first script argument (line i goes to thread i mod the thread count, given as
-- the second argument), each once; a thread stops when its share is sent, unless the third argument
-- is "repeat" (the baseline route, which stores nothing), when it starts its share again. At the end
-- it prints the 2xx answers, the others, and latency percentiles.
--   wrk -t2 -c16 -d20s -s bench/g7-wrk.lua <route url> -- <requests file> 2 [repeat]
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, count = args[1], tonumber(args[2])
  repeat_share = args[3] == "repeat"
  signatures, bodies, next_line = {}, {}, 1
  local i = 0
  for line in io.lines(file) do
    if i % count == index then
      local tab = line:find("\t", 1, true)
      table.insert(signatures, line:sub(1, tab - 1))
      table.insert(bodies, line:sub(tab + 1))
    end
    i = i + 1
  end
  ok, other = 0, 0
end

function request()
  local n = next_line
  if n > #bodies then
    if repeat_share then
      next_line, n = 1, 1
    else
      wrk.thread:stop()
      n = #bodies
    end
  end
  next_line = next_line + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
      ["x-square-hmacsha256-signature"] = signatures[n]}, bodies[n])
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok_all, other_all = 0, 0
  for _, thread in ipairs(threads) do
    ok_all = ok_all + thread:get("ok")
    other_all = other_all + thread:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("wrk: %.1f s, %d answered 2xx, %d other answers, %d socket errors, %.0f 2xx/s,"
      .. " latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n", seconds, ok_all, other_all,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      ok_all / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
