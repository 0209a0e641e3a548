-- wrk: a different search on every request, so every one misses the page cache.
-- BENCH_SEARCH_PATH picks the page ("/roles/?q=" for results, "/search/suggest/?q=" for suggestions).
local path = os.getenv("BENCH_SEARCH_PATH") or "/roles/?q="
local words = {
  "data", "field", "care", "site", "systems", "records", "logistics", "quality", "client", "sales",
  "analyst", "officer", "technician", "coordinator", "assistant", "adviser", "inspector", "planner",
  "researcher", "administrator", "engineer", "clerk", "consultant", "auditor", "scheduler", "support",
  "nurse", "coder", "clinical", "electrician", "plumber", "carer", "teacher", "paramedic", "developer",
  "analist", "tecnician", "insepctor", "nhs", "call", "centre", "legal", "staff", "therapy", "4131",
}
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
