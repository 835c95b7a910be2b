-- GET <BENCH_PATH><random seeded id>, as the participant BENCH_CALLER (header miauserid). The same script drives
-- the service (BENCH_PATH=/teleconsultation/) and the floor (BENCH_PATH=/floor/) over the same ids (BENCH_IDS).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
require("summary")

local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  if #line > 0 then ids[#ids + 1] = line end
end
local path = os.getenv("BENCH_PATH")
local headers = { ["miauserid"] = os.getenv("BENCH_CALLER") }

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function init(args)
  -- Each thread draws its own sequence of ids.
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

function request()
  return wrk.format("GET", path .. ids[math.random(#ids)], headers)
end
