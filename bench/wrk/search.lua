-- GET /api/products?q=NNN: products whose SKU or name contains a random three-digit number
-- (about 40 of 10,000 do), first page of 20.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

request = function()
    return wrk.format("GET", "/api/products?q=" .. math.random(100, 999))
end
