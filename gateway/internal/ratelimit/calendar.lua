-- Calendar-period counter, one atomic step (see ratelimit.go, fixedStep).
-- KEYS[1]: the counter of one period (its name carries the period start,
-- so a new period is a new key and the count resets exactly at the
-- boundary); KEYS[2]: the key's per-second burst window; ARGV[1]: limit;
-- ARGV[2]: cost; ARGV[3]: mode (0 enforce, 1 bill, 2 peek); ARGV[4]:
-- milliseconds left in the period (a relative expiry, so clock skew
-- between gateway and Redis cannot drop a live counter); ARGV[5]: burst
-- per second (0: none).
-- Returns {allowed (0/1), count, burst (0/1), burst prev, burst curr,
-- burst elapsed in microseconds}; burst 1 means the burst window refused.
local limit = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local mode = tonumber(ARGV[3])
local burst = tonumber(ARGV[5])
local curr = tonumber(redis.call('GET', KEYS[1]) or '0')
local allowed = 0
if burst > 0 and mode ~= 1 then
  -- The same sliding second as sliding_window.lua, on Redis's clock.
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local ws = now - (now % 1000000)
  local v = redis.call('HMGET', KEYS[2], 's', 'p', 'c')
  local start = tonumber(v[1]) or ws
  local bprev = tonumber(v[2]) or 0
  local bcurr = tonumber(v[3]) or 0
  if start ~= ws then
    if ws - start == 1000000 then bprev = bcurr else bprev = 0 end
    bcurr = 0
  end
  local be = now - ws
  if bprev * (1000000 - be) / 1000000 + bcurr + 1 > burst then
    return {0, curr, 1, bprev, bcurr, be}
  end
  redis.call('HSET', KEYS[2], 's', ws, 'p', bprev, 'c', bcurr + 1)
  redis.call('PEXPIRE', KEYS[2], 3000)
end
if mode == 2 then
  if curr < limit then allowed = 1 end
  return {allowed, curr, 0, 0, 0, 0}
end
if mode == 1 or curr + cost <= limit then
  -- Billed calls are always counted; 0 tells the caller it went over.
  if curr + cost <= limit then allowed = 1 end
  curr = redis.call('INCRBY', KEYS[1], cost)
  -- Kept a minute past the boundary for gateways whose clocks lag.
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + 60000)
end
return {allowed, curr, 0, 0, 0, 0}
