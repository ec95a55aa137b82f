-- GET /api/products?page=N&size=20: one of the first 100 pages, in id order.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

request = function()
    return wrk.format("GET", "/api/products?page=" .. math.random(0, 99) .. "&size=20")
end
