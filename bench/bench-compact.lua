-- bench-compact.lua: wrk script for bench/bench-compact.sh: each thread is one paired device
-- (line N of $BENCH_TOKENS) pushing one tag.set on $BENCH_MEMBER per request, ids 1, 2, 3...
-- A tag.set logs member_tags rows, which migration 009's index holds (a note.add's do not).
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
  member = os.getenv("BENCH_MEMBER")
  staff = os.getenv("BENCH_STAFF")
  headers = { ["Authorization"] = "Bearer " .. tokens[device], ["Content-Type"] = "application/json" }
  next_id = 0
end

function request()
  -- wrk calls request() once more than it sends, so the id advances on each answer instead
  local id = next_id + 1
  local body = string.format('{"mutations":[{"id":%d,"name":"tag.set","args":{"member_id":"%s",' ..
                             '"tags":["t%d"]},"staff_id":"%s"}]}', id, member, id % 7, staff)
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
