-- wrk script for bench/load.sh: rotates through the query strings of a file, appended to one path, and prints one
-- line of results (requests per second and latency percentiles in milliseconds).
--   wrk -s bench/search.lua http://127.0.0.1:PORT -- /api/v1/opportunities bench/queries.txt
--   wrk -s bench/search.lua http://127.0.0.1:PORT -- /health/live -
--   wrk -s bench/search.lua http://127.0.0.1:PORT -- /opportunities bench/search-mix.txt popular
-- "popular" picks the lines at random, the n-th with a weight of 1/n (Zipf), so the first are asked most, as in life.
-- In the file: one query string a line ("?region=750000000&q=тазалау"), # for comments; {+Nd} becomes the date N days
-- from today (UTC), so date ranges stay in the future, and {-Nd} the date N days ago. Each request also rotates Accept-Language over kk, ru, en, and
-- says it came through TLS, as nginx does in production (docs/deploy.md).

local queries = {}
local languages = { "kk", "kk", "ru", "ru", "en" }
local path = "/"
local counter = 0
local cumulative = nil

local function encode(query)
  -- Percent-encode everything but the URL's own punctuation, byte by byte (so UTF-8 letters come out right).
  return (query:gsub("[^%w%-%._~%?&=]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function expand(query)
  return (query:gsub("{([%+%-])(%d+)d}", function(sign, days)
    return os.date("!%Y-%m-%d", os.time() + (sign == "-" and -1 or 1) * tonumber(days) * 86400)
  end))
end

function init(args)
  path = args[1] or "/opportunities"
  local file = args[2] or "bench/queries.txt"
  if file == "-" then
    queries = { "" }
  else
    for line in io.lines(file) do
      if line ~= "" and line:sub(1, 1) ~= "#" then
        table.insert(queries, encode(expand(line)))
      end
    end
  end
  if args[3] == "popular" then
    cumulative = {}
    local total = 0
    for i = 1, #queries do
      total = total + 1 / i
      cumulative[i] = total
    end
  end
  -- Threads start at different places in the list.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
  counter = math.random(#queries) - 1
end

local function popular()
  local x = math.random() * cumulative[#cumulative]
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < x then low = middle + 1 else high = middle end
  end
  return queries[low]
end

function request()
  counter = counter + 1
  local headers = { ["Accept-Language"] = languages[counter % #languages + 1], ["X-Forwarded-Proto"] = "https" }
  local query = cumulative and popular() or queries[counter % #queries + 1]
  return wrk.format("GET", path .. query, headers)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, errors))
end
