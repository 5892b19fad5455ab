# The standard set of HTTP servers of compare.sh and rows.sh; sourced, not run. Fills SERVERS
# with 'NAME|PORT|COMMAND' specs (as wrk.sh takes them), Weft first so that ratios are against it:
# the Weft sample on $JAVA (and on $JAVA25 as weft-jdk25), Netty epoll and NIO, the NIO baseline,
# the virtual-thread server on $JAVA25, and nginx with one worker. A server whose runtime is
# missing is left out. Every server runs one I/O thread.
JAVA=${JAVA:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
J=benchmarks/target/benchmarks.jar
SAMPLES=samples/target/weft-samples.jar
[ -f "$J" ] || { echo "$J is missing: build with mvn -B -q -DskipTests package" >&2; exit 1; }

SERVERS=()
if [ -f "$SAMPLES" ]; then
  SERVERS+=("weft|8080|$JAVA -jar $SAMPLES http --port 8080 --loops 1")
fi
SERVERS+=(
  "netty-epoll|8081|$JAVA -cp $J dev.weft.benchmarks.http.NettyHelloServer --port 8081 --transport epoll --threads 1"
  "netty-nio|8082|$JAVA -cp $J dev.weft.benchmarks.http.NettyHelloServer --port 8082 --transport nio --threads 1"
  "nio-baseline|8083|$JAVA -cp $J dev.weft.benchmarks.http.NioHelloServer --port 8083 --threads 1"
)
if [ -x "$JAVA25" ]; then
  SERVERS+=("vt-jdk25|8084|$JAVA25 -cp $J dev.weft.benchmarks.http.VirtualThreadHelloServer --port 8084")
  if [ -f "$SAMPLES" ]; then
    SERVERS+=("weft-jdk25|8086|$JAVA25 -jar $SAMPLES http --port 8086 --loops 1")
  fi
fi
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  SERVERS+=("nginx|8085|benchmarks/http/nginx.sh --port 8085")
fi
