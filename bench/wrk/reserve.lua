-- POST /api/products/{id}/reservations: one unit of a random product, under a key no other
-- request uses (thread number, start time and a counter).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local products = tonumber(os.getenv("BENCH_PRODUCTS"))
local counter = 0
local headers = { ["Content-Type"] = "application/json" }

request = function()
    counter = counter + 1
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", thread_number, os.time(), counter)
    return wrk.format("POST", "/api/products/" .. math.random(1, products) .. "/reservations", headers,
        '{"quantity":1}')
end
