# Sourced by the bench scripts that start servers: waiting for them, and creating the bench
# customer through the admin API the way an operator would. Needs $admin and $STRAIT_ADMIN_TOKEN
# for the admin calls; messages are prefixed with the calling script's name.
me=$(basename "$0")

# Waits for a "http://host:port" announcement in a log file (every server prints it once bound).
announced_url() {
  local file=$1 pattern=$2 pid=$3 url
  for _ in $(seq 1 600); do
    url=$(grep -o "$pattern" "$file" 2>/dev/null | head -1 || true)
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "$me: process $pid died; see $file" >&2; cat "$file" >&2; return 1; }
    sleep 0.1
  done
  echo "$me: timed out waiting for $file" >&2
  return 1
}

wait_ready() {  # admin-url
  for _ in $(seq 1 100); do curl -fsS "$1/readyz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  curl -fsS "$1/readyz" >/dev/null
}

admin_post() {  # path json
  curl -sS --fail-with-body -X POST -H "authorization: Bearer $STRAIT_ADMIN_TOKEN" -H 'content-type: application/json' \
    --data "$2" "$admin$1"
}
json_field() { { grep -o "\"$1\" *: *\"[^\"]*\"" || true; } | head -1 | sed 's/.*: *"\(.*\)"/\1/'; }

# The bench's customer: a verified US enterprise (the bench policy sells it gpt-4o from us-east)
# with one key, printed. Optional limits JSON applies to the organization.
bench_customer_key() {  # [limits-json]
  local org key
  org=$(admin_post /admin/orgs '{"legal_name":"Bench Load Ltd","registration_number":"BENCH-1","market":"US","kind":"enterprise","contacts":["bench@example.com"]}' | json_field id)
  admin_post "/admin/orgs/$org/state" '{"state":"verified","reason":"benchmark customer"}' >/dev/null
  [ -z "${1:-}" ] || admin_post "/admin/orgs/$org/limits" "$1" >/dev/null
  key=$(admin_post /admin/keys "{\"org\":\"$org\",\"name\":\"bench\"}" | json_field key)
  [ -n "$key" ] || { echo "$me: could not create the bench key" >&2; return 1; }
  echo "$key"
}

# Keys reach the serving snapshot within a second; waits until the key is honoured end to end.
wait_served() {  # gateway-url key log-to-blame
  local code=000
  for _ in $(seq 1 50); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $2" -H 'content-type: application/json' \
      --data '{"model":"gpt-4o","max_tokens":4,"messages":[{"role":"user","content":"hi"}]}' "$1/v1/chat/completions")
    [ "$code" = 200 ] && return 0
    sleep 0.2
  done
  echo "$me: the gateway answers $code to the bench key; see $3" >&2
  return 1
}
