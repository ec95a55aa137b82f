-- GET /api/products/{id}, a random id among the seeded products.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local products = tonumber(os.getenv("BENCH_PRODUCTS"))

request = function()
    return wrk.format("GET", "/api/products/" .. math.random(1, products))
end
