-- bench/load.lua: the wrk script of bench/load.sh: a realistic mix of
-- reads and writes against askdoc.
--
-- Arguments (after wrk's "--"): a file of paths, one per line, each
-- prefixed with its kind ("qa /qa/12", "search /search?q=liver", "page
-- /department/oncology"), and a CSRF token that goes both in the csrf
-- cookie and the form (the double-submit check of anonymous forms).
-- Mix: 45% Q&A pages, 15% search, 15% home, 10% department and topic
-- pages, 5% the ask form, 10% ask submissions (POST /ask, each a new
-- question); with a fourth argument "read" the submissions become Q&A
-- page views (a read-only mix, to tell leaks from a growing database).
-- The ask form's signed token (web/guard.h) comes in the environment
-- variable FORM_TOKEN. done() prints the responses by status class.

local kinds = {}
local token = ""
local counter = 0
local threads = {}

function setup(thread)
	thread:set("id", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	for line in io.lines(args[1]) do
		local k, p = line:match("^(%S+) (%S+)$")
		if k then
			kinds[k] = kinds[k] or {}
			table.insert(kinds[k], p)
		end
	end
	token = args[2]
	dept = args[3]
	readonly = args[4] == "read"
	s2, s3, s4, s5 = 0, 0, 0, 0
	math.randomseed(os.time() + id * 7919)
end

local function pick(k)
	local t = kinds[k]
	return t[math.random(#t)]
end

function request()
	local r = math.random()
	if r < 0.45 then
		return wrk.format("GET", pick("qa"))
	elseif r < 0.60 then
		return wrk.format("GET", pick("search"))
	elseif r < 0.75 then
		return wrk.format("GET", "/")
	elseif r < 0.85 then
		return wrk.format("GET", pick("page"))
	elseif r < 0.90 then
		return wrk.format("GET", "/ask")
	elseif readonly then
		return wrk.format("GET", pick("qa"))
	end
	counter = counter + 1
	local body = "csrf=" .. token ..
		"&title=Load+test+question+" .. id .. "-" .. counter ..
		"&text=My+father+has+liver+cirrhosis+and+swollen+legs%2C+what+should+we+ask+the+doctor%3F" ..
		"&nickname=load&age_band=60-69&sex=male&department=" .. dept .. "&consent=yes" ..
		"&form_token=" .. (os.getenv("FORM_TOKEN") or "")
	return wrk.format("POST", "/ask", {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = "csrf=" .. token,
	}, body)
end

function response(status, headers, body)
	if status < 300 then s2 = s2 + 1
	elseif status < 400 then s3 = s3 + 1
	elseif status < 500 then s4 = s4 + 1
	else s5 = s5 + 1 end
end

function done(summary, latency, requests)
	local t2, t3, t4, t5 = 0, 0, 0, 0
	for _, t in ipairs(threads) do
		t2 = t2 + t:get("s2")
		t3 = t3 + t:get("s3")
		t4 = t4 + t:get("s4")
		t5 = t5 + t:get("s5")
	end
	io.write(string.format("status: 2xx %d, 3xx %d, 4xx %d, 5xx %d\n", t2, t3, t4, t5))
	io.write(string.format("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
		latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
	local e = summary.errors
	io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, status %d\n",
		e.connect, e.read, e.write, e.timeout, e.status))
	io.write(string.format("requests: %d in %.1f s, %.0f req/s\n", summary.requests,
		summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
end
