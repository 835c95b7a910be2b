-- The waiting room: BENCH_ROOMS clients, each polling its own teleconsultation (the frontend polls GET while its
-- user waits), as the participant BENCH_CALLER. The first BENCH_ROOMS seeded ids are split between wrk's threads;
-- each thread cycles through its own share, so every teleconsultation is polled as often as the others. The same
-- script drives the service (BENCH_PATH=/teleconsultation/) and the floor (BENCH_PATH=/floor/).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
require("summary")

local rooms = tonumber(os.getenv("BENCH_ROOMS"))
local all = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  if #line > 0 and #all < rooms then all[#all + 1] = line end
end
local path = os.getenv("BENCH_PATH")
local headers = { ["miauserid"] = os.getenv("BENCH_CALLER") }

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

local mine = {}
local next_index = 1
function init(args)
  -- wrk's threads are numbered from 1 in setup(); the share of thread k is every id whose index is k modulo the
  -- thread count (BENCH_THREADS).
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  for i = 1, #all do
    if (i - 1) % threads == (thread_number - 1) then mine[#mine + 1] = all[i] end
  end
end

function request()
  local id = mine[next_index]
  next_index = next_index % #mine + 1
  return wrk.format("GET", path .. id, headers)
end
