"""Where the service spends its CPU, from a JFR recording's execution samples: each sample is
counted once, for the innermost frame that belongs to a known library (or the JDK's own code).

    jfr print --events jdk.ExecutionSample --stack-depth 64 recording.jfr | python3 jfr_hot.py

Record with BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/service.jfr,settings=profile".
"""
import collections
import sys

LIBRARIES = [
    ("org.postgresql.", "pgjdbc"),
    ("io.agroal.", "Agroal (pool)"),
    ("com.arjuna.", "Narayana (JTA)"),
    ("io.quarkus.narayana.", "Narayana (JTA)"),
    ("org.hibernate.", "Hibernate ORM"),
    ("io.quarkus.hibernate.", "Hibernate ORM"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("io.smallrye.faulttolerance.", "SmallRye Fault Tolerance"),
    ("io.smallrye.context.", "context propagation"),
    ("org.jboss.resteasy.reactive.", "Quarkus REST"),
    ("io.quarkus.resteasy.reactive.", "Quarkus REST"),
    ("io.quarkus.arc.", "ArC (CDI)"),
    ("io.quarkus.vertx.", "Vert.x / Netty"),
    ("io.vertx.", "Vert.x / Netty"),
    ("io.netty.", "Vert.x / Netty"),
    ("org.jboss.threads.", "worker threads"),
    ("org.jboss.logmanager.", "logging"),
    ("io.smallrye.config.", "configuration"),
    ("com.example.", "the service"),
    ("java.", "JDK"),
    ("jdk.", "JDK"),
    ("sun.", "JDK"),
]


def samples(lines):
    frames, in_stack = [], False
    for line in lines:
        line = line.strip()
        if line.startswith("stackTrace = ["):
            frames, in_stack = [], True
        elif in_stack and line.startswith("]"):
            in_stack = False
            yield frames
        elif in_stack and line and line != "...":
            frames.append(line.split("(")[0])


def library(frames):
    for frame in frames:
        for prefix, name in LIBRARIES:
            if frame.startswith(prefix) and name != "JDK":
                return name
    return "JDK" if frames and frames[0].startswith(("java.", "jdk.", "sun.")) else "other"


def main():
    by_library, by_method, total = collections.Counter(), collections.Counter(), 0
    for frames in samples(sys.stdin):
        total += 1
        by_library[library(frames)] += 1
        if frames:
            by_method[frames[0]] += 1
    if not total:
        sys.exit("no execution samples")
    print(f"{total} samples\n\nby library (innermost known frame):")
    for name, count in by_library.most_common():
        print(f"  {100 * count / total:5.1f} %  {name}")
    print("\nhottest methods (self):")
    for name, count in by_method.most_common(25):
        print(f"  {100 * count / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
