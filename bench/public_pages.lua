-- wrk: walk the public pages in turn, so one run covers the whole site.
local paths = {
  "/", "/roles/", "/roles/?zone=red", "/roles/?zone=green&sort=-score", "/roles/?q=nurse",
  "/roles/clinical-coder-nhs/", "/roles/paramedic/", "/careers/", "/careers/clinical-coder/",
  "/compare/?roles=clinical-coder-nhs,paramedic", "/methodology/", "/roles.json", "/careers.json",
  "/about/", "/sitemap.xml", "/sitemap-roles.xml", "/roles/?page=3", "/healthz",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
