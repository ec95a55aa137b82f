-- POST /api/products/{id}/reservations: one unit of a random product, under a key no other
-- request uses, in this run or any other against the same database: a random UUID per wrk
-- thread and a counter. (Thread number, second and counter were not enough: a run that starts
-- in the second the one before it ended, while that one was still slow, reused its keys, and a
-- key reused for another product is refused.)
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local products = tonumber(os.getenv("BENCH_PRODUCTS"))
local counter = 0
local prefix
local headers = { ["Content-Type"] = "application/json" }

local previous_init = init
init = function(args)
    previous_init(args)
    local uuid = io.open("/proc/sys/kernel/random/uuid")
    prefix = "bench-" .. uuid:read("*l")
    uuid:close()
end

request = function()
    counter = counter + 1
    headers["Idempotency-Key"] = prefix .. "-" .. counter
    return wrk.format("POST", "/api/products/" .. math.random(1, products) .. "/reservations", headers,
        '{"quantity":1}')
end
