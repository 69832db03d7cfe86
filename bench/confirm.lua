-- Publication day: signed-in employees confirm the version in force, one after another.
-- wrk -tT ... -s bench/confirm.lua URL -- SESSIONS_FILE PATH T
-- SESSIONS_FILE (manage.py bench_sessions): per line a session key and a CSRF secret; each
-- request is the next employee's POST to PATH with their session and CSRF cookies and the
-- secret as the form's token (Django accepts the unmasked secret), as a browser sends it.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua") -- done(): the one line bench/run.py reads

local users, next_user, path = {}, 0, "/"

-- setup() runs first, in wrk's own state, and names each thread's place: its `index` global.
local threads_made = 0
function setup(thread)
  thread:set("index", threads_made)
  threads_made = threads_made + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local session, secret = line:match("^(%S+) (%S+)$")
    if session then users[#users + 1] = { session, secret } end
  end
  path = args[2]
  -- Each thread starts elsewhere in the list (args[3]: how many threads), so that two
  -- threads do not post as the same person.
  next_user = math.floor(#users * (index or 0) / (tonumber(args[3]) or 1))
end

function request()
  next_user = next_user % #users + 1
  local session, secret = users[next_user][1], users[next_user][2]
  return wrk.format("POST", path, {
    ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. secret,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "csrfmiddlewaretoken=" .. secret)
end
