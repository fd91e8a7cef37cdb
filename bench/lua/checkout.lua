-- Checkout start: POST the giving form (CSRF cookie + token obtained beforehand) to one of the
-- paths in $BENCH_PATHS; the platform creates the donation and its payment attempt and answers
-- 302 to the hosted checkout.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local paths = {}
local cookie = os.getenv("BENCH_COOKIE")
local body = os.getenv("BENCH_FORM")

setup = common.setup
done = common.done

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
  math.randomseed(os.time())
end

function request()
  return wrk.format("POST", paths[math.random(#paths)], {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function response(status, headers, body)
  common.count(status, nil)
end
