#!/bin/sh
# Starts the inventory service; with the argument "migrate", migrates the database and exits.
# Configuration comes from the environment only (DATABASE_URL and the rest: see the README).
set -e
cd /deployments
if [ -f app.aot ]; then
    set -- -XX:AOTCache=app.aot -jar quarkus-run.jar "$@"
else
    set -- -jar quarkus-run.jar "$@"
fi
# exec: java becomes PID 1 and receives SIGTERM itself, and shuts down gracefully.
# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec java $JAVA_OPTS "$@"
