-- wrk: a different search on every request, so every one misses the page cache.
-- BENCH_SEARCH_PATH picks the page ("/roles/?q=" for results, "/search/suggest/?q=" for suggestions).
local path = os.getenv("BENCH_SEARCH_PATH") or "/roles/?q="
-- The words come from bench/search_words.txt, which bench/paced.py reads too.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local words = {}
for word in io.open(here .. "search_words.txt"):read("*a"):gmatch("%S+") do words[#words + 1] = word end
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local counter = 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)

request = function()
  counter = counter + 1
  local first = words[math.random(#words)]
  local text = first
  if math.random() < 0.7 then text = text .. "+" .. words[math.random(#words)] end
  if path:find("suggest") then text = text:sub(1, math.max(2, #text - math.random(0, 3))) end
  return wrk.format("GET", path .. text .. "&r=" .. counter .. "-" .. math.random(1000000))
end

-- BENCH_DELAY_MS paces each connection, so a few connections make a steady load instead of a flood.
if pause > 0 then
  delay = function()
    return pause
  end
end
