#!/usr/bin/env bash
# nginx as an HTTP peer: one worker process, no master, keep-alive, answering GET / with
# "Hello, World!" (text/plain). It also sends Server, Date and Connection headers, so its
# response is longer than the other peers' 78 bytes: wrk.sh checks it by body, not byte for byte.
#
# Usage: benchmarks/http/nginx.sh [--port N]   (default 8085; runs in the foreground)
# Environment: OUT (directory for its configuration and logs, default benchmarks/target/nginx).
set -euo pipefail
PORT=8085
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="${2:?--port needs a number}"; shift 2 ;;
    *) echo "nginx.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx.sh: nginx is missing: apt-get install nginx-light" >&2; exit 1; }
OUT=$(mkdir -p "${OUT:-benchmarks/target/nginx}" && cd "${OUT:-benchmarks/target/nginx}" && pwd)
mkdir -p "$OUT/tmp"
cat > "$OUT/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
error_log stderr warn;
pid $OUT/nginx.pid;
events { worker_connections 20000; }
http {
  access_log off;
  server_tokens off;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  client_body_temp_path $OUT/tmp;
  proxy_temp_path $OUT/tmp;
  fastcgi_temp_path $OUT/tmp;
  uwsgi_temp_path $OUT/tmp;
  scgi_temp_path $OUT/tmp;
  server {
    listen 127.0.0.1:$PORT backlog=4096;
    location / {
      default_type text/plain;
      return 200 "Hello, World!";
    }
  }
}
CONF
exec "$NGINX" -p "$OUT" -c "$OUT/nginx.conf"
