-- wrk script: POST Dash callback bodies to /_dash-update-component, cycling
-- through the bodies given as file paths after `--`, so consecutive requests
-- on a connection ask for different views and responses are not identical.
--
--   wrk -t2 -c8 -d20s -s bench/wrk/update.lua http://127.0.0.1:PORT -- a.json b.json
--
-- Counts responses outside 2xx itself (wrk's own "Non-2xx or 3xx" line lets
-- 3xx through) and ends with one line, "WRK_JSON {...}", that bench/load.py
-- parses: requests, duration, latency percentiles (microseconds), socket
-- errors and non-2xx counts summed over all threads.

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

local function slurp(path)
    local file = assert(io.open(path, "rb"))
    local text = file:read("*a")
    file:close()
    return text
end

-- Thread-local state (each wrk thread has its own Lua interpreter).
function init(args)
    local headers = {
        ["Content-Type"] = "application/json",
        ["Accept"] = "*/*",
        ["Accept-Encoding"] = "gzip, deflate, br, zstd",
    }
    prepared = {}
    for i, path in ipairs(args) do
        prepared[i] = wrk.format("POST", "/_dash-update-component", headers, slurp(path))
    end
    if #prepared == 0 then
        error("pass the JSON body files after --")
    end
    sent = 0
    responses = 0
    non2xx = 0
end

function request()
    sent = sent + 1
    return prepared[(sent - 1) % #prepared + 1]
end

function response(status, headers, body)
    responses = responses + 1
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
    end
end

function done(summary, latency, requests)
    local total_responses, total_non2xx = 0, 0
    for _, thread in ipairs(threads) do
        total_responses = total_responses + thread:get("responses")
        total_non2xx = total_non2xx + thread:get("non2xx")
    end
    local e = summary.errors
    io.write(string.format(
        'WRK_JSON {"requests": %d, "responses": %d, "non2xx": %d, "bytes": %d, '
            .. '"duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, '
            .. '"timeout": %d, "status": %d}, "latency_us": {"mean": %.1f, "stdev": %.1f, '
            .. '"max": %d, "p50": %d, "p90": %d, "p99": %d, "p99_9": %d}}\n',
        summary.requests, total_responses, total_non2xx, summary.bytes,
        summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
        latency.mean, latency.stdev, latency.max,
        latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency:percentile(99.9)
    ))
end
