-- bench/page_mix.lua: the wrk script of bench/page_mix.sh: GET requests
-- for pages drawn by Zipf popularity (s = 1).
--
-- Argument (after wrk's "--"): a file of paths, one per line, most
-- popular first; path k (from 1) is requested with probability
-- proportional to 1/k. The same file drives askdoc and nginx, so both see
-- the same mix. done() prints the responses by status class.

local paths = {}
local cdf = {}
local threads = {}

function setup(thread)
	thread:set("id", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	for line in io.lines(args[1]) do
		if #line > 0 then
			table.insert(paths, line)
		end
	end
	local sum = 0
	for k = 1, #paths do
		sum = sum + 1 / k
		cdf[k] = sum
	end
	for k = 1, #paths do
		cdf[k] = cdf[k] / sum
	end
	s2, s3, s4, s5 = 0, 0, 0, 0
	math.randomseed(os.time() + id * 7919)
end

-- The first k with cdf[k] >= r (binary search).
local function pick()
	local r = math.random()
	local lo, hi = 1, #cdf
	while lo < hi do
		local mid = math.floor((lo + hi) / 2)
		if cdf[mid] < r then
			lo = mid + 1
		else
			hi = mid
		end
	end
	return paths[lo]
end

function request()
	return wrk.format("GET", pick())
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
	io.write(string.format("status: 2xx %d 3xx %d 4xx %d 5xx %d\n", t2, t3, t4, t5))
end
