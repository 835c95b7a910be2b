-- POST /teleconsultation with the seeder's body and caller (Seed): the same doctor and patient every time (the service
-- remembers their Kaleyra users, so each POST makes exactly one Kaleyra call, POST /rooms), start_date BENCH_START.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
require("summary")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- As the doctor, a plus participant of what they create (AUTHORIZATION_MODE=strict, the default).
wrk.headers["miauserid"] = "bench-doctor"
wrk.headers["miausergroups"] = "doctor"
wrk.body = '{"participants":{"number":2,"data":[' ..
  '{"userId":"bench-doctor","groups":["doctor"],"fullName":"Dr. Bench Doctor","language":"en"},' ..
  '{"userId":"bench-patient","groups":["patient"],"fullName":"Bench Patient","language":"it"}]},' ..
  '"start_date":"' .. os.getenv("BENCH_START") .. '","duration_in_seconds":86400}'
