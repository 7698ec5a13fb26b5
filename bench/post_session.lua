-- post_session.lua - wrk script of `make bench-api`'s write case (bench/bench_api.sh):
-- every request is POST /api/sessions, a planned one-to-one of 30 minutes in one
-- assignment, each at its own minute, so that no two requests of a run ask for the same
-- session.
--
--   wrk ... -H "Cookie: ..." -H "X-CSRF-Token: ..." -s bench/post_session.lua URL \
--       -- ASSIGNMENT FROM SPAN THREADS
--
-- ASSIGNMENT is the assignment's id; FROM the first instant allowed, in seconds since
-- 1970 (UTC); SPAN the minutes after it that still lie within the assignment and its
-- programme; THREADS wrk's -t. Each wrk thread takes its own share of the span and goes
-- through it a minute a request, starting again at its beginning when it is used up.

local started = 0

function setup(thread)
	thread:set("id", started)
	started = started + 1
end

function init(args)
	assignment = tonumber(args[1])
	from = tonumber(args[2])
	span = tonumber(args[3])
	threads = tonumber(args[4])
	if not assignment or not from or not span or not threads or span < threads then
		error("usage: -- ASSIGNMENT FROM SPAN THREADS (SPAN in minutes, at least one a thread)")
	end
	share = math.floor(span / threads)
	first = id * share
	sent = 0
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	local minute = first + sent % share
	sent = sent + 1
	local at = os.date("!%Y-%m-%dT%H:%MZ", from + minute * 60)
	local body = string.format(
		'{"assignment":%d,"kind":"one_to_one","at":"%s","minutes":30}', assignment, at)
	return wrk.format(nil, nil, nil, body)
end
