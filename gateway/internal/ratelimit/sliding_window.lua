-- Sliding-window counter, one atomic step (see ratelimit.go, window.takeN).
-- KEYS[1]: the counter; ARGV[1]: limit; ARGV[2]: period in microseconds;
-- ARGV[3]: cost; ARGV[4]: mode (0 enforce, 1 bill, 2 peek);
-- ARGV[5]: burst per second (0: none).
-- Returns {allowed (0/1), prev, curr, elapsed in microseconds, burst (0/1)};
-- burst 1 means the per-second burst window refused the call and the
-- counts are the burst window's.
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local mode = tonumber(ARGV[4])
local burst = tonumber(ARGV[5])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])

local function roll(s, p, c, per)
  local ws = now - (now % per)
  local start = tonumber(s) or ws
  local prev = tonumber(p) or 0
  local curr = tonumber(c) or 0
  if start ~= ws then
    if ws - start == per then prev = curr else prev = 0 end
    curr = 0
  end
  return ws, prev, curr
end

local v = redis.call('HMGET', KEYS[1], 's', 'p', 'c', 'bs', 'bp', 'bc')
if burst > 0 and mode ~= 1 then
  local bws, bprev, bcurr = roll(v[4], v[5], v[6], 1000000)
  local be = now - bws
  local best = bprev * (1000000 - be) / 1000000 + bcurr
  -- Burst counts calls, whatever the quota counts: a peek counts too.
  if best + 1 > burst then
    return {0, bprev, bcurr, be, 1}
  end
  bcurr = bcurr + 1
  redis.call('HSET', KEYS[1], 'bs', bws, 'bp', bprev, 'bc', bcurr)
end
local ws, prev, curr = roll(v[1], v[2], v[3], period)
local elapsed = now - ws
local est = prev * (period - elapsed) / period + curr
local allowed = 0
if mode == 2 then
  if est < limit then allowed = 1 end
elseif mode == 1 then
  -- Billed: always counted; 0 tells the caller it went over the quota.
  if est + cost <= limit then allowed = 1 end
  curr = curr + cost
elseif est + cost <= limit then
  allowed = 1
  curr = curr + cost
end
redis.call('HSET', KEYS[1], 's', ws, 'p', prev, 'c', curr)
redis.call('PEXPIRE', KEYS[1], math.ceil(2 * period / 1000) + 1000)
return {allowed, prev, curr, elapsed, 0}
