"""Splits one start of the service into phases, from its log (JSON lines, as in prod, or Quarkus's
plain console format in UTC) and two instants measured outside it, in epoch milliseconds: the launch and the first 200.

    python3 startup_phases.py LAUNCH_MS FIRST_200_MS < service.log

Prints milliseconds: launch -> Quarkus's main (JVM start, class loading), main -> the StartupEvent
(static and runtime initialisation: configuration, Hibernate, REST, the pool), StartupEvent ->
port open (the start-up observers), port open -> first 200 of the request (first connection and
query, code run for the first time).
"""
import datetime
import json
import re
import sys

STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")


def stamped(line):
    """(epoch ms, text) of a log line, or None for a line that is not one."""
    if line.startswith("{"):
        record = json.loads(line)
        stamp = datetime.datetime.fromisoformat(record["timestamp"][:23].rstrip("Z")).replace(tzinfo=datetime.timezone.utc)
        return int(stamp.timestamp() * 1000), record.get("loggerName", "") + " " + record.get("message", "")
    if STAMP.match(line):
        stamp = datetime.datetime.strptime(STAMP.match(line)[1], "%Y-%m-%d %H:%M:%S,%f")
        return int(stamp.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000), line
    return None


def main(launch, first_200):
    startup_event = port_open = main_entered = None
    for raw in sys.stdin:
        entry = stamped(raw)
        if entry is None:
            continue
        at, line = entry
        if startup_event is None and "DatabaseStartupCheck" in line:
            startup_event = at  # its first line: the endpoints, logged on the StartupEvent
        match = re.search(r" started in ([0-9.]+)s\. Listening on", line)
        if match:
            port_open = at
            main_entered = port_open - round(float(match[1]) * 1000)
    if None in (startup_event, port_open):
        sys.exit("no start in the log")
    print(main_entered - launch, startup_event - main_entered, port_open - startup_event, first_200 - port_open)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
