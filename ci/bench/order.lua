-- wrk script: POST /api/orders of one unit of a product drawn at random from the ids in $PRODUCT_IDS
-- (one id a line), so concurrent orders spread over many rows as real shoppers' do.
-- Usage: PRODUCT_IDS=ids.txt API_KEY=lb-enterprise-1 wrk ... -s order.lua http://127.0.0.1:PORT/api/orders
local ids = {}
for line in io.lines(os.getenv("PRODUCT_IDS")) do ids[#ids + 1] = line end
local key = os.getenv("API_KEY") or "lb-enterprise-1"
math.randomseed(os.time())

request = function()
  local body = '{"items":[{"productId":' .. ids[math.random(#ids)] .. ',"quantity":1}]}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end
