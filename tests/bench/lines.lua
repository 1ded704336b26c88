-- tests/bench/lines.lua — wrk script: each request is a GET of a line picked
-- at random from a file (the first script argument). A line is a path, or
-- a path, a tab and the value of the bh_session cookie to send with it
-- (a logged-in caller):
--
--   wrk -c 64 -d 10s -s lines.lua http://127.0.0.1:18900 -- paths.txt
--
-- Every wrk thread reads the file once, at start.

local lines = {}

function init(args)
	local file = assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1]))
	for line in file:lines() do
		local path, cookie = line:match("^([^\t]+)\t?(.*)$")
		if path then
			local headers = {}
			if cookie ~= "" then
				headers["Cookie"] = "bh_session=" .. cookie
			end
			-- Prebuilt: formatting per request would cost wrk's CPU,
			-- which is the machine's CPU too.
			lines[#lines + 1] = wrk.format("GET", path, headers)
		end
	end
	file:close()
	assert(#lines > 0, "no lines in " .. args[1])
	-- Each thread its own sequence.
	math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
	return lines[math.random(#lines)]
end
