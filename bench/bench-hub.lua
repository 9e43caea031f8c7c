-- bench-hub.lua: wrk script for bench/bench-hub.sh.
-- Run with as many threads as connections (-tN -cN): each thread is one paired device with its
-- own bearer token (line N of $BENCH_TOKENS), so its pushes carry ids 1, 2, 3... in order.
--   BENCH_MODE=get  BENCH_PATH=/v1/sync/pull?cursor=C      GET with the bearer header
--   BENCH_MODE=push BENCH_MEMBER=id BENCH_STAFF=id          one note.add mutation per request
--   BENCH_MODE=push-tag BENCH_MEMBER=id BENCH_STAFF=id      one tag.set on the member per request
--                                                           (logs member rows: bench-compact.sh)
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("device", counter)
end

function init(args)
  local tokens = {}
  local f = assert(io.open(os.getenv("BENCH_TOKENS")))
  for line in f:lines() do tokens[#tokens + 1] = line end
  f:close()
  mode = os.getenv("BENCH_MODE") or "get"
  path = os.getenv("BENCH_PATH") or "/v1/sync/pull"
  member = os.getenv("BENCH_MEMBER")
  staff = os.getenv("BENCH_STAFF")
  run = os.getenv("BENCH_RUN") or "r"
  headers = { ["Authorization"] = "Bearer " .. tokens[device], ["Content-Type"] = "application/json" }
  next_id = 0
end

function request()
  if mode ~= "push" and mode ~= "push-tag" then
    return wrk.format("GET", path, headers)
  end
  -- wrk calls request() once more than it sends, so the id advances on each answer instead
  local id = next_id + 1
  local body
  if mode == "push-tag" then
    body = string.format('{"mutations":[{"id":%d,"name":"tag.set","args":{"member_id":"%s",' ..
                         '"tags":["t%d"]},"staff_id":"%s"}]}', id, member, id % 7, staff)
  else
    body = string.format('{"mutations":[{"id":%d,"name":"note.add","args":{"note_id":"%s-%d-%d",' ..
                         '"member_id":"%s","text":"bench"},"staff_id":"%s"}]}',
                         id, run, device, id, member, staff)
  end
  return wrk.format("POST", "/v1/sync/push", headers, body)
end

function response(status, headers, body)
  if status == 200 then
    next_id = next_id + 1
  else
    errors_seen = (errors_seen or 0) + 1
    if errors_seen < 3 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
  end
end
