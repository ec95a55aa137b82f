-- Shared by the operation scripts: numbers each wrk thread, seeds its random numbers apart from
-- the others', and prints one machine-readable line at the end:
--   RESULT <req/s> <p50 ms> <p99 ms> <max ms> <non-2xx/3xx> <socket errors> <requests>
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

function init(args)
    math.randomseed(os.time() * 1000 + thread_number)
    for _ = 1, 10 do math.random() end
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("RESULT %.1f %.3f %.3f %.3f %d %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        errors.status, errors.connect + errors.read + errors.write + errors.timeout, summary.requests))
end
