-- tests/bench/login.lua — wrk script: each request is a login,
-- POST /api/v1/session {email, password}, with an address picked at random
-- from a file (first script argument; one e-mail address per line) and the
-- password (second argument) that all bench users share.
--
--   wrk -c 64 -d 10s -s login.lua http://127.0.0.1:18900 -- emails.txt PASSWORD

local bodies = {}

function init(args)
	local file = assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1]))
	local password = assert(args[2], "no password")
	local headers = { ["Content-Type"] = "application/json" }
	for email in file:lines() do
		if email ~= "" then
			local body = string.format('{"email":"%s","password":"%s"}', email, password)
			bodies[#bodies + 1] = wrk.format("POST", "/api/v1/session", headers, body)
		end
	end
	file:close()
	assert(#bodies > 0, "no addresses in " .. args[1])
	math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
	return bodies[math.random(#bodies)]
end
