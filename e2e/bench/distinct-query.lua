-- wrk script of the scenarios whose every request is new (wrk -s): every request of the run asks for
-- the page with a query that no request before it had, ?{{PARAMETER}}={{RUN}}-tT-N: the run's name
-- (unique per wrk run, warm-up and measured run alike), wrk's thread T and that thread's request
-- count N (a thread's connections share its counter). So no composer can answer a page, or a
-- fragment whose origin gets the query, from anything it has kept or is fetching for another request.
-- With a cookie name (fast-distinct-user), every request also sends Cookie: {{COOKIE}}=uT, the user
-- of thread T: wrk's Lua cannot tell a thread's connections apart, so the driver runs one
-- connection per thread (-tN -cN), and each connection is one user for the whole run.
-- Filled in and written to e2e/target/bench/wrk/ by io.mosaic.e2e.bench.Wrk (placeholders in double braces).

-- The main Lua state numbers the threads; each thread's own state gets its number as `thread_number`.
local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

local prefix
local headers = nil
local counter = 0
local cookie = "{{COOKIE}}"

function init(args)
   prefix = wrk.path .. "?{{PARAMETER}}={{RUN}}-t" .. thread_number .. "-"
   if cookie ~= "" then
      headers = { Cookie = cookie .. "=u" .. thread_number }
   end
end

function request()
   counter = counter + 1
   return wrk.format(nil, prefix .. counter, headers)
end
