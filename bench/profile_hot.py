"""Where the service spends its CPU, from async-profiler's collapsed stacks taken under load.

    python3 profile_hot.py [--requests N] [--own FRAME[,FRAME...]] profile.collapsed...

Each sample counts once, for the innermost frame that belongs to a known library (JDK frames and
system calls count for the library that called them). With --requests (the requests wrk served
while the profile was taken), shares also come as samples per 10,000 requests, which compare
across builds. --own prints the samples of each FRAME's own work: those with FRAME on the stack
and none of the frames that continue the request below it (the next route handler, the unit of
work's method), such as what an interceptor or a filter adds.

Profile a running service with the agent from Maven Central (tools.profiler:async-profiler,
linux-x64/libasyncProfiler.so inside the jar), attached once its JIT has settled, for the window
wrk measures (the inner quotes keep jcmd from splitting the agent's options at their '='):
    jcmd PID JVMTI.agent_load /path/libasyncProfiler.so '"start,event=itimer,interval=1ms"'
    ... wrk ...
    jcmd PID JVMTI.agent_load /path/libasyncProfiler.so '"stop,file=/tmp/p.collapsed,collapsed"'
or a whole run of bench/run.sh or bench/compare.sh, a file per 30 s:
    BENCH_JVM_OPTS="-agentpath:/path/libasyncProfiler.so=start,event=itimer,interval=1ms,loop=30s,file=/tmp/p-%n.collapsed,collapsed"
(JFR's method sampling, even with its default settings, cut the service's throughput here by
four: docs/performance.md.)
"""
import argparse
import collections

LIBRARIES = [
    ("org/postgresql/", "pgjdbc"),
    ("io/agroal/", "Agroal (pool)"),
    ("com/arjuna/", "Narayana (JTA)"),
    ("io/quarkus/narayana/", "Narayana (JTA)"),
    ("org/hibernate/", "Hibernate ORM"),
    ("io/quarkus/hibernate/", "Hibernate ORM"),
    ("com/fasterxml/jackson/", "Jackson"),
    ("io/smallrye/faulttolerance/", "SmallRye Fault Tolerance"),
    ("io/opentelemetry/", "OpenTelemetry"),
    ("io/quarkus/opentelemetry/", "OpenTelemetry"),
    ("io/micrometer/", "Micrometer"),
    ("io/quarkus/micrometer/", "Micrometer"),
    ("org/jboss/resteasy/reactive/", "Quarkus REST"),
    ("io/quarkus/resteasy/reactive/", "Quarkus REST"),
    ("io/quarkus/arc/", "ArC (CDI)"),
    ("io/quarkus/vertx/http/runtime/security/", "security"),
    ("io/quarkus/security/", "security"),
    ("io/vertx/", "Vert.x / Netty"),
    ("io/netty/", "Vert.x / Netty"),
    ("io/quarkus/vertx/", "Vert.x / Netty"),
    ("org/jboss/threads/", "worker threads"),
    ("org/jboss/logmanager/", "logging"),
    ("org/jboss/logging/", "logging"),
    ("io/smallrye/context/", "context propagation"),
    ("io/smallrye/mutiny/", "context propagation"),
    ("com/example/", "the service"),
]
JDK = ("java/", "jdk/", "sun/", "com/sun/")
CONTINUES = ("RoutingContextImpl.next", "ProductService.find", "ProductService.list",
             "ReservationService.reserve", "ReservationService.list")


def library(frame):
    for prefix, name in LIBRARIES:
        if frame.startswith(prefix):
            return name
    return None


def read(paths):
    for path in paths:
        with open(path) as lines:
            for line in lines:
                stack, _, count = line.rstrip("\n").rpartition(" ")
                yield stack.split(";"), int(count)


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--requests", type=float)
    arguments.add_argument("--own", default="")
    arguments.add_argument("profiles", nargs="+")
    options = arguments.parse_args()
    own_frames = [frame for frame in options.own.split(",") if frame]
    by_library, own, total = collections.Counter(), collections.Counter(), 0
    for frames, count in read(options.profiles):
        total += count
        name = "JIT compiler" if any("CompileBroker" in frame for frame in frames) else None
        for frame in reversed(frames):
            if name:
                break
            name = library(frame)
        if name is None:
            name = "JDK" if any(frame.startswith(JDK) for frame in frames) else "JVM, GC and kernel"
        by_library[name] += count
        for wanted in own_frames:
            at = [i for i, frame in enumerate(frames) if wanted in frame]
            if at and not any(cont in frame for frame in frames[at[-1] + 1:] for cont in CONTINUES):
                own[wanted] += count
    per = (lambda n: f"  {n / options.requests * 1e4:6.1f} per 10k requests") if options.requests else (lambda n: "")
    print(f"{total} samples{per(total)}")
    for name, count in by_library.most_common():
        print(f"  {100 * count / total:5.1f} %  {name}{per(count)}")
    for wanted in own_frames:
        print(f"  {100 * own[wanted] / total:5.1f} %  own work of {wanted}{per(own[wanted])}")


if __name__ == "__main__":
    main()
