#!/bin/sh
# Stops the Apache started by c-tests/apache/start.sh DIR: SIGTERM to the pid
# recorded in DIR/apache2.pid, then waits (at most 10 s) until it is gone, so
# that DIR can be removed afterwards.
#
#   c-tests/apache/stop.sh DIR
dir=$1
[ -s "$dir/apache2.pid" ] || exit 0
pid=$(cat "$dir/apache2.pid")
kill "$pid" 2> /dev/null || exit 0
i=0
while [ $i -lt 100 ] && kill -0 "$pid" 2> /dev/null; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2> /dev/null; then
    echo "apache: pid $pid still running after 10 s" >&2
    exit 1
fi
exit 0
