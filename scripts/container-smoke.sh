#!/usr/bin/env bash
# Builds the image, starts it with `make up`, and checks the running container end to end:
# readiness, signed webhooks and a duplicate, /messages, /stats, /metrics, JSON logs, a
# non-root user, data kept across a restart, a quick `docker stop`, then `make down`.
#
# Needs a Docker engine (DOCKER_HOST or the default socket), curl and openssl. Without an
# engine it prints that it skipped and exits 0, so CI can call it everywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1; then
  echo "container smoke test skipped: no Docker engine is reachable (docker info failed)"
  exit 0
fi

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  compose=(docker-compose)
fi

export WEBHOOK_SECRET=smoke-test-secret
export API_PORT=${API_PORT:-18000}
export LOG_LEVEL=INFO
base_url="http://127.0.0.1:${API_PORT}"
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

step() {
  echo "--- $* ($(date -u +%H:%M:%S))"
}

cleanup() {
  "${compose[@]}" down -v >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_ready() {
  local deadline=$((SECONDS + 60))
  until curl -fsS "$base_url/health/ready" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "service not ready within 60 s"
      "${compose[@]}" logs --no-color api | tail -20
      return 1
    fi
    sleep 1
  done
}

post_signed() {
  local body=$1
  local signature
  signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" | cut -d' ' -f2)
  curl -sS -o /dev/null -w '%{http_code}' -X POST "$base_url/webhook" \
    -H 'Content-Type: application/json' -H "X-Signature: $signature" -d "$body"
}

expect_equal() {
  local what=$1 expected=$2 actual=$3
  if [ "$expected" = "$actual" ]; then
    echo "ok: $what = $actual"
  else
    fail "$what: expected $expected, got $actual"
  fi
}

step "docker build"
build_started=$SECONDS
# --network host, because some engines give RUN steps no network without it. It is harmless elsewhere.
docker build --network host -t message-service:local . >/tmp/container-smoke-build.log 2>&1 ||
  { tail -30 /tmp/container-smoke-build.log; exit 1; }
echo "built in $((SECONDS - build_started)) s"
docker image inspect message-service:local --format 'image size: {{.Size}} bytes'

step "make up"
up_started=$SECONDS
make up
wait_ready
echo "ready $((SECONDS - up_started)) s after make up"

step "webhooks"
for id in 1 2 3; do
  status=$(post_signed "{\"message_id\":\"smoke-$id\",\"from\":\"+1415555010$id\",\"to\":\"+14155550199\",\"ts\":\"2024-01-0${id}T10:00:00Z\",\"text\":\"smoke $id\"}")
  expect_equal "POST /webhook smoke-$id" 200 "$status"
done
status=$(post_signed '{"message_id":"smoke-1","from":"+14155550101","to":"+14155550199","ts":"2024-01-01T10:00:00Z","text":"again"}')
expect_equal "duplicate POST /webhook smoke-1" 200 "$status"
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$base_url/webhook" -H 'X-Signature: 00' -d '{}')
expect_equal "unsigned POST /webhook" 401 "$status"

step "reads"
expect_equal "/messages total" 3 "$(curl -fsS "$base_url/messages" | node -pe 'JSON.parse(require("fs").readFileSync(0)).total')"
expect_equal "/messages?from=+14155550102" smoke-2 \
  "$(curl -fsS "$base_url/messages?from=+14155550102" | node -pe 'JSON.parse(require("fs").readFileSync(0)).data.map((m) => m.message_id).join()')"
expect_equal "/stats total_messages" 3 "$(curl -fsS "$base_url/stats" | node -pe 'JSON.parse(require("fs").readFileSync(0)).total_messages')"
metrics=$(curl -fsS "$base_url/metrics")
expect_equal "webhook_requests_total created" 3 "$(grep '^webhook_requests_total{result="created"}' <<<"$metrics" | awk '{print $2}')"
expect_equal "webhook_requests_total duplicate" 1 "$(grep '^webhook_requests_total{result="duplicate"}' <<<"$metrics" | awk '{print $2}')"

step "container"
expect_equal "user id in the container" 1000 "$("${compose[@]}" exec -T api id -u | tr -d '\r')"
container_id=$("${compose[@]}" ps -q api)
health=starting
for _ in $(seq 1 30); do
  health=$(docker inspect --format '{{.State.Health.Status}}' "$container_id")
  [ "$health" = starting ] || break
  sleep 1
done
expect_equal "docker health status" healthy "$health"

step "logs are JSON"
# Compose v1 prints its own "Attaching to ..." header first. Every other line is the service's.
log_lines=$("${compose[@]}" logs --no-color --no-log-prefix api | grep -v '^Attaching to ')
line_count=$(grep -c . <<<"$log_lines" || true)
bad_lines=$(node -e '
  const lines = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
  const bad = lines.filter((line) => { try { JSON.parse(line); return false; } catch { return true; } });
  console.log(bad.length);
  for (const line of bad.slice(0, 5)) console.error("not JSON: " + line);
' <<<"$log_lines")
expect_equal "non-JSON log lines out of $line_count" 0 "$bad_lines"
if grep -q "$WEBHOOK_SECRET" <<<"$log_lines"; then
  fail "the secret appears in the logs"
fi

step "restart keeps data"
"${compose[@]}" restart api
wait_ready
expect_equal "/messages total after restart" 3 "$(curl -fsS "$base_url/messages" | node -pe 'JSON.parse(require("fs").readFileSync(0)).total')"

step "stop"
stop_started=$(date +%s%N)
"${compose[@]}" stop api
stop_ms=$(( ($(date +%s%N) - stop_started) / 1000000 ))
echo "docker stop took ${stop_ms} ms"
if [ "$stop_ms" -ge 5000 ]; then
  fail "stopping took ${stop_ms} ms; SIGTERM was probably not handled"
fi
exit_code=$(docker inspect --format '{{.State.ExitCode}}' "$("${compose[@]}" ps -q api)")
expect_equal "exit code after docker stop" 0 "$exit_code"

step "make down"
make down
trap - EXIT

if [ "$failures" -gt 0 ]; then
  echo "container smoke test: $failures failed"
  exit 1
fi
echo "container smoke test: all checks passed"
