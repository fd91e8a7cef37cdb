-- POST pre-signed, unique webhook bodies read from $BENCH_BODIES ("<signature>\t<json>" lines),
-- each once, to $BENCH_PATH (the sandbox webhook, or the bare ceiling endpoint).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local sigs, bodies = {}, {}
local path = os.getenv("BENCH_PATH")
sent = 0

setup = common.setup
done = common.done

function init(args)
  for line in io.lines(os.getenv("BENCH_BODIES")) do
    local sig, body = string.match(line, "^([^\t]*)\t(.*)$")
    sigs[#sigs + 1] = sig
    bodies[#bodies + 1] = body
  end
end

function request()
  sent = sent + 1
  local i = sent
  if i > #bodies then i = ((i - 1) % #bodies) + 1 end -- wrapped: reported as bodies exhausted
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Joud-Signature"] = sigs[i],
  }, bodies[i])
end

function response(status, headers, body)
  common.count(status, body)
end
