#!/usr/bin/env bash
# The TLS rows: the Weft sample's `http --keystore` beside NettyHelloServer --keystore (an
# SslHandler with SslProvider.JDK, the same JDK SSLEngine), both on $JAVA with one I/O thread,
# under wrk over https with wrk.sh.
#
# Usage (from the repository root, after `mvn -B -q -DskipTests package`):
#   benchmarks/http/tls.sh [--quick] [--no-handshake]
#
# Makes a self-signed EC key store with keytool (benchmarks/target/tls/server.p12, password
# changeit; kept between runs), then runs two rows, each wrk.sh -r 3 -d 10 -w 10 (--quick: -r 1
# -d 5 -w 5), servers alternated ABAB:
#   keep-alive: wrk -c100 over https, one handshake per connection, then requests on it;
#   handshake:  the same with 'Connection: close', so every request takes a new connection and a
#               TLS 1.3 handshake that resumes wrk's last session (a PSK with ECDHE: no
#               certificate, no signature); left out with --no-handshake.
# Prints wrk.sh's Markdown table for each row; raw output under benchmarks/target/tls/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
quick=0; handshake=1
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --no-handshake) handshake=0 ;;
    *) echo "tls.sh: unknown option $a" >&2; exit 2 ;;
  esac
done
JAVA=${JAVA:-java}
J=benchmarks/target/benchmarks.jar
SAMPLES=samples/target/weft-samples.jar
for f in "$J" "$SAMPLES"; do
  [ -f "$f" ] || { echo "tls.sh: $f is missing: build with mvn -B -q -DskipTests package" >&2; exit 1; }
done
base=benchmarks/target/tls
mkdir -p "$base"
STORE=$base/server.p12
if [ ! -f "$STORE" ]; then
  keytool -genkeypair -alias http -keyalg EC -dname CN=localhost \
      -ext SAN=dns:localhost,ip:127.0.0.1 -validity 365 \
      -storetype PKCS12 -keystore "$STORE" -storepass changeit >&2
fi
TLS="--keystore $STORE --storepass changeit"
SERVERS=(
  "weft-tls|8443|$JAVA -jar $SAMPLES http --port 8443 --loops 1 $TLS"
  "netty-epoll-tls|8444|$JAVA -cp $J dev.weft.benchmarks.http.NettyHelloServer --port 8444 --transport epoll --threads 1 $TLS"
)
if [ "$quick" = 1 ]; then opts=(-r 1 -d 5 -w 5); else opts=(-r 3 -d 10 -w 10); fi

echo "### TLS keep-alive (wrk -c100 over https)"
OUT="$base/keep-alive" "$HERE/wrk.sh" "${opts[@]}" -s https "${SERVERS[@]}"
if [ "$handshake" = 1 ]; then
  echo
  echo "### TLS handshake per request (wrk -c100 over https, Connection: close)"
  OUT="$base/handshake" "$HERE/wrk.sh" "${opts[@]}" -s https -H "Connection: close" "${SERVERS[@]}"
fi
