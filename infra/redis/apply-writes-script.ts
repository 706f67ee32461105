/**
 * Lua run by EVALSHA for `applyAtomically` (and for single collection writes with a TTL in `batch`). Redis runs a
 * script without interleaving but does not roll back a half-applied one, so every write is validated first against
 * the key kinds and hash fields the earlier writes would leave; only then is anything written.
 *
 * KEYS[1]: the checkpoint hash (any key when ARGV[1] is ''); KEYS[2..]: one key per write, in order.
 * ARGV[1]: checkpoint field ('' for none); ARGV[2]: the next offset; then per write: op, argument count, arguments,
 * the first argument being the TTL in ms ('' for none). Returns 1 when applied, 0 when the checkpoint says it was.
 */
export const applyWritesLua = `
local checkpointKey, checkpointField, offset = KEYS[1], ARGV[1], ARGV[2]
local writes, at = {}, 3
for i = 2, #KEYS do
  local count = tonumber(ARGV[at + 1])
  local args = {}
  for j = 1, count do args[j] = ARGV[at + 1 + j] end
  writes[#writes + 1] = { key = KEYS[i], op = ARGV[at], args = args }
  at = at + 2 + count
end

local kinds, hashes = {}, {}
local maxInteger = 9223372036854775807

local function checkKind(key, kind)
  if kinds[key] == nil then kinds[key] = redis.call('TYPE', key)['ok'] end
  local found = kinds[key]
  if found ~= 'none' and found ~= kind then
    return 'WRONGTYPE key ' .. key .. ' holds a ' .. found .. ', not a ' .. kind
  end
end

local function expectKind(key, kind)
  local problem = checkKind(key, kind)
  if problem == nil then kinds[key] = kind end
  return problem
end

local function replaced(key, kind)
  kinds[key] = kind
  hashes[key] = { stored = false, fields = {} }
end

local function hashShadow(key)
  if hashes[key] == nil then hashes[key] = { stored = true, fields = {} } end
  return hashes[key]
end

local function isInteger(text)
  if text == '0' then return true end
  if #text > 20 or not string.match(text, '^%-?[1-9]%d*$') then return false end
  local value = tonumber(text)
  return value >= -maxInteger and value <= maxInteger
end

local function checkIncrement(key, field, by)
  local shadow = hashShadow(key)
  local current = shadow.fields[field]
  if current == nil and shadow.stored then current = redis.call('HGET', key, field) end
  if not current then current = '0' end
  if not isInteger(current) then return 'ERR hash value is not an integer' end
  local result = tonumber(current) + tonumber(by)
  if result > maxInteger or result < -maxInteger then return 'ERR increment or decrement would overflow' end
  shadow.fields[field] = string.format('%.0f', result)
end

local validators = {
  guard = function(w) end,
  set = function(w) replaced(w.key, 'string') end,
  del = function(w) replaced(w.key, 'none') end,
  expire = function(w) end,
  hset = function(w)
    local problem = expectKind(w.key, 'hash')
    if problem then return problem end
    local shadow = hashShadow(w.key)
    for i = 2, #w.args, 2 do shadow.fields[w.args[i]] = w.args[i + 1] end
  end,
  hincrby = function(w) return expectKind(w.key, 'hash') or checkIncrement(w.key, w.args[2], w.args[3]) end,
  lpush = function(w) return expectKind(w.key, 'list') end,
  zincrby = function(w) return expectKind(w.key, 'zset') end,
  zadd = function(w) return expectKind(w.key, 'zset') end,
}

-- unpack has a stack limit, so long argument lists go in several calls (same effect for HSET, LPUSH and ZADD).
local function callInChunks(command, key, args, from, width)
  local step = 1000 * width
  for first = from, #args, step do
    local part = { key }
    for i = first, math.min(first + step - 1, #args) do part[#part + 1] = args[i] end
    redis.call(command, unpack(part))
  end
end

local appliers = {
  set = function(w)
    if w.args[1] == '' then redis.call('SET', w.key, w.args[2]) else redis.call('SET', w.key, w.args[2], 'PX', w.args[1]) end
  end,
  guard = function(w) end,
  del = function(w) redis.call('DEL', w.key) end,
  expire = function(w) redis.call('PEXPIRE', w.key, w.args[1]) end,
  hset = function(w) callInChunks('HSET', w.key, w.args, 2, 2) end,
  hincrby = function(w) redis.call('HINCRBY', w.key, w.args[2], w.args[3]) end,
  lpush = function(w)
    callInChunks('LPUSH', w.key, w.args, 3, 1)
    redis.call('LTRIM', w.key, 0, w.args[2])
  end,
  zincrby = function(w) redis.call('ZINCRBY', w.key, w.args[3], w.args[2]) end,
  zadd = function(w) callInChunks('ZADD', w.key, w.args, 2, 2) end,
}
local keepsExpiry = { hset = true, hincrby = true, lpush = true, zincrby = true, zadd = true }

for _, w in ipairs(writes) do
  if w.op == 'guard' and redis.call('EXISTS', w.key) == 0 then return 0 end
end
if checkpointField ~= '' then
  local problem = checkKind(checkpointKey, 'hash')
  if problem then return redis.error_reply(problem) end
  local stored = redis.call('HGET', checkpointKey, checkpointField)
  if stored then
    if not string.match(stored, '^%d+$') then
      return redis.error_reply('CORRUPT checkpoint ' .. checkpointKey .. ' ' .. checkpointField .. ' holds ' .. stored)
    end
    if tonumber(stored) >= tonumber(offset) then return 0 end
  end
end
for _, w in ipairs(writes) do
  local problem = validators[w.op](w)
  if problem then return redis.error_reply(problem) end
end
if checkpointField ~= '' then
  local problem = checkKind(checkpointKey, 'hash')
  if problem then return redis.error_reply(problem) end
end
for _, w in ipairs(writes) do
  appliers[w.op](w)
  if keepsExpiry[w.op] and w.args[1] ~= '' then redis.call('PEXPIRE', w.key, w.args[1]) end
end
if checkpointField ~= '' then redis.call('HSET', checkpointKey, checkpointField, offset) end
return 1
`;
