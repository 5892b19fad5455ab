# Shared helpers of wrk.sh and idle.sh; sourced, not run.

# Raises the open-file limit as far as allowed (10,000 connections need more than 10,000 fds).
raise_fd_limit() {
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

# wait_for_port PID PORT: waits up to 60 s until PORT accepts connections; fails if PID dies.
wait_for_port() {
  _i=0
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do
    if ! kill -0 "$1" 2>/dev/null; then
      echo "server (pid $1) exited before listening on port $2" >&2
      return 1
    fi
    _i=$((_i + 1))
    if [ "$_i" -gt 600 ]; then
      echo "server (pid $1) not listening on port $2 after 60 s" >&2
      return 1
    fi
    sleep 0.1
  done
}

# stop_server PID: TERM, then KILL after 10 s; waits for it.
stop_server() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || return 0
  _i=0
  while kill -0 "$1" 2>/dev/null && [ "$_i" -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# cpu_ticks PID: user and system CPU of the whole process so far, in clock ticks ("utime stime").
cpu_ticks() {
  # The command name (field 2) may hold spaces; cut everything up to its closing parenthesis.
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12, $13 }'
}

# usage: prints the calling script's header comment to standard error.
usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
}

# jit_ticks PID: user+system CPU of the JIT compiler threads (C1/C2) alive now, in clock ticks.
# A compiler thread that exits takes its ticks with it, so a difference can undercount.
jit_ticks() {
  _sum=0
  for _t in /proc/"$1"/task/*; do
    case $(cat "$_t/comm" 2>/dev/null) in
      C1\ Compiler*|C2\ Compiler*)
        _sum=$((_sum + $(sed 's/^.*) //' "$_t/stat" 2>/dev/null | awk '{ print $12 + $13 }')))
        ;;
    esac
  done
  echo "$_sum"
}
