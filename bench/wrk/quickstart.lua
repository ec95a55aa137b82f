-- GET /entity/fruits/{id} of Quarkus's Panache quickstart, a random id among the seeded fruits
-- (bench/run.sh with BENCH_QUICKSTART).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local products = tonumber(os.getenv("BENCH_PRODUCTS"))

request = function()
    return wrk.format("GET", "/entity/fruits/" .. math.random(1, products))
end
