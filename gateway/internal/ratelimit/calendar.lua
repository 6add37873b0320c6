-- Calendar-period counter, one atomic step (see ratelimit.go, fixedStep).
-- KEYS[1]: the counter of one period (its name carries the period start,
-- so a new period is a new key and the count resets exactly at the
-- boundary); ARGV[1]: limit; ARGV[2]: cost; ARGV[3]: mode (0 enforce,
-- 1 bill, 2 peek); ARGV[4]: milliseconds left in the period (a
-- relative expiry, so clock skew between gateway and Redis cannot drop a
-- live counter).
-- Returns {allowed (0/1), count}.
local limit = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local mode = tonumber(ARGV[3])
local curr = tonumber(redis.call('GET', KEYS[1]) or '0')
local allowed = 0
if mode == 2 then
  if curr < limit then allowed = 1 end
  return {allowed, curr}
end
if mode == 1 or curr + cost <= limit then
  -- Billed calls are always counted; 0 tells the caller it went over.
  if curr + cost <= limit then allowed = 1 end
  curr = redis.call('INCRBY', KEYS[1], cost)
  -- Kept a minute past the boundary for gateways whose clocks lag.
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + 60000)
end
return {allowed, curr}
