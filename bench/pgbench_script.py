"""Turns the statements one application issued, as PostgreSQL logged them (log_statement = 'all',
log_line_prefix = '%m [%p] %a '), into a pgbench script that issues the same ones.

    python3 pgbench_script.py APPLICATION_NAME [VALUE=EXPRESSION ...] < server.log > script.sql

Each bound parameter becomes its logged value, or EXPRESSION where the value was VALUE: the
values that vary between requests (an id, a key) become pgbench variables, \\set at the top.
Fails when the application issued nothing.
"""
import os
import re
import sys

RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] (?P<app>\S*) (?P<level>[A-Z]+):  (?P<text>.*)$")
STATEMENT = re.compile(r"^(?:execute [^:]+|statement): (?P<sql>.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")
VARIABLES = {
    ":id": r"\set id random(1, {products})",
    ":offset": r"\set offset 20 * random(0, 99)",
    ":n": r"\set n random(100, 999)",
    ":key": r"\set key random(1, 1000000000000000)",
}


def records(lines):
    record = None
    for line in lines:
        match = RECORD.match(line.rstrip("\n"))
        if match:
            if record:
                yield record
            record = dict(match.groupdict())
        elif record:
            record["text"] += "\n" + line.rstrip("\n")
    if record:
        yield record


def main(application, substitutions, products):
    statements = []
    for record in records(sys.stdin):
        if record["app"] != application:
            continue
        if record["level"] == "LOG":
            match = STATEMENT.match(record["text"])
            if match:
                statements.append([match["sql"].strip(), {}])
        elif record["level"] == "DETAIL" and record["text"].startswith("parameters: ") and statements:
            statements[-1][1] = {int(n): value for n, value in PARAMETER.findall(record["text"])}
    if not statements:
        sys.exit("no statements from " + application)
    used = []
    lines = []
    for sql, parameters in statements:
        for number in sorted(parameters, reverse=True):  # $12 before $1
            value = parameters[number]
            expression = substitutions.get(value.strip("'").replace("''", "'"), value)
            for variable in VARIABLES:
                if variable in expression and variable not in used:
                    used.append(variable)
            sql = sql.replace("$" + str(number), expression)
        lines.append(" ".join(sql.split()) + ";")
    header = [VARIABLES[v].format(products=products) for v in used]
    print("\n".join(header + lines))


if __name__ == "__main__":
    pairs = dict(arg.split("=", 1) for arg in sys.argv[2:])
    main(sys.argv[1], pairs, os.environ.get("BENCH_PRODUCTS", "10000"))
