# Runs "$@" (temporal server start-dev ...) and ends it when our stdin reaches EOF. Stdin is a pipe
# from the ./rack dev JVM, and the kernel closes it however the JVM ends, SIGKILL included, so the
# server never outlives ./rack dev. A SIGTERM (./rack dev closing normally) ends it too.
exec 3<&0                # keep the pipe: a background job's stdin would be /dev/null
"$@" </dev/null &
server=$!
{ while read -r -u 3 _; do :; done; kill -TERM "$server" 2>/dev/null; } &
watcher=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT HUP
status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server"; status=$?  # a trapped signal interrupts wait: wait again until the server is gone
done
kill "$watcher" 2>/dev/null
exit "$status"
