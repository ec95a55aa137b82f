#!/usr/bin/env python3
"""An OTLP/HTTP receiver that accepts and drops what it is sent, for bench/run.sh's tracing step.

Usage: otlp_sink.py PORT. It answers every POST (/v1/traces, ...) with 200 and an empty protobuf
message, the collector's answer to a fully accepted export, and counts requests and bytes; on
SIGTERM it prints "requests=N bytes=M" and exits.
"""
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = {"requests": 0, "bytes": 0}


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        received["requests"] += 1
        received["bytes"] += length
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def stop(*_):
    print(f"requests={received['requests']} bytes={received['bytes']}", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop)
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
