-- wrk: walk the public pages in turn, so one run covers the whole site.
local paths = {
  "/", "/roles/", "/roles/?zone=red", "/roles/?zone=green&sort=-score", "/roles/?q=nurse",
  "/roles/clinical-coder-nhs/", "/roles/paramedic/", "/careers/", "/careers/clinical-coder/",
  "/compare/?roles=clinical-coder-nhs,paramedic", "/methodology/", "/roles.json", "/careers.json",
  "/about/", "/sitemap.xml", "/sitemap-roles.xml", "/roles/?page=3", "/healthz",
}
local i = 0
-- BENCH_BOGUS_COOKIES=1 sends a made-up session cookie with every request: the cached pages must still be served.
local bogus = os.getenv("BENCH_BOGUS_COOKIES") == "1"
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
request = function()
  i = i % #paths + 1
  if bogus then
    return wrk.format("GET", paths[i], { ["Cookie"] = "sessionid=" .. string.format("%x%x", math.random(1e9), math.random(1e9)) })
  end
  return wrk.format("GET", paths[i])
end
