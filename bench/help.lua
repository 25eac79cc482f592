-- wrk script for bench/help.sh: help requests under load.
--   wrk -s bench/help.lua URL -- /api/v1/help-requests intake            POST a new request each time (a citizen online)
--   wrk -s bench/help.lua URL -- /api/v1/help-requests FILE              GET the path + each line of FILE in turn
-- With BENCH_TOKEN set, every request carries it as a bearer token. Prints the RESULT line bench/app.sh's run() reads.
-- Intake: each request a new phone and a new description (so none is the "same form twice" that answers 200 with the
-- earlier request), in one of the 20 regions, in Kazakh or Russian, as the form at /help sends it.

-- done() (the RESULT line) is search.lua's; init() and request() are redefined below.
dofile("bench/search.lua")

local path = "/"
local lines = {}
local intake = false
local counter = 0
local token = os.getenv("BENCH_TOKEN")
local regions = { "100000000", "110000000", "150000000", "190000000", "230000000", "270000000", "310000000", "330000000",
  "350000000", "390000000", "430000000", "470000000", "550000000", "590000000", "610000000", "620000000", "630000000",
  "710000000", "750000000", "790000000" }
local categories = { "groceries", "household", "transport", "company", "psychological", "disaster", "digital", "other" }

function init(args)
  path = args[1] or "/api/v1/help-requests"
  local file = args[2] or "intake"
  if file == "intake" then
    intake = true
  else
    for line in io.lines(file) do
      if line ~= "" and line:sub(1, 1) ~= "#" then
        table.insert(lines, line)
      end
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  counter = math.random(1000000)
end

function request()
  counter = counter + 1
  local headers = { ["X-Forwarded-Proto"] = "https", ["Accept-Language"] = (counter % 2 == 0) and "kk" or "ru" }
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  if not intake then
    return wrk.format("GET", path .. lines[counter % #lines + 1], headers)
  end
  headers["Content-Type"] = "application/json"
  local phone = string.format("+7702%07d", math.random(0, 9999999))
  local body = string.format(
    '{"category":"%s","description":"Нужны продукты и лекарства, заявка %d","regionKato":"%s","locality":"Центр",' ..
    '"address":"ул. Абая, %d","phone":"%s","language":"%s","consentVersion":"2026-11"}',
    categories[counter % #categories + 1], counter, regions[counter % #regions + 1], counter % 200 + 1, phone,
    (counter % 2 == 0) and "kk" or "ru")
  return wrk.format("POST", path, headers, body)
end
