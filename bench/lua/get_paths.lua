-- GET a random path from $BENCH_PATHS (one per line, repeated lines weigh more).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local paths = {}

setup = common.setup
done = common.done

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
  math.randomseed(os.time())
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], {["Cookie"] = "joud_language=ar"})
end

function response(status, headers, body)
  common.count(status, nil)
end
