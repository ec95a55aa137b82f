"""Splits one start of the service into phases, from its log (Quarkus's default console format,
UTC) and two instants measured outside it, in epoch milliseconds: the launch and the first 200.

    python3 startup_phases.py LAUNCH_MS FIRST_200_MS < service.log

Prints milliseconds: launch -> Quarkus's main (JVM start, class loading), main -> the StartupEvent
(static and runtime initialisation: configuration, Hibernate, REST, the pool), StartupEvent ->
port open (the start-up observers), port open -> first 200 of the request (first connection and
query, code run for the first time).
"""
import datetime
import re
import sys

STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")


def epoch_ms(line):
    stamp = datetime.datetime.strptime(STAMP.match(line)[1], "%Y-%m-%d %H:%M:%S,%f")
    return int(stamp.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def main(launch, first_200):
    startup_event = port_open = main_entered = None
    for line in sys.stdin:
        if not STAMP.match(line):
            continue
        if startup_event is None and "DatabaseStartupCheck" in line:
            startup_event = epoch_ms(line)  # its first line: the endpoints, logged on the StartupEvent
        match = re.search(r" started in ([0-9.]+)s\. Listening on", line)
        if match:
            port_open = epoch_ms(line)
            main_entered = port_open - round(float(match[1]) * 1000)
    if None in (startup_event, port_open):
        sys.exit("no start in the log")
    print(main_entered - launch, startup_event - main_entered, port_open - startup_event, first_200 - port_open)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
