#!/usr/bin/env python3
"""A stand-in SMS gateway for the benchmarks, on loopback only: every POST is an SMS accepted at once, answered
200 {"id": "<n>"} (the gateway's message id); GET /count answers how many were accepted, and how many of them came
again with an Idempotency-Key already seen (a repeat send). Keeps connections alive, as a real gateway's HTTP API does.
  bench/fake-gateway.py PORT
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
accepted = 0
repeated = 0
keys = set()


class Gateway(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per answer, sent at once: headers and body in two writes would wait for the client's delayed ACK.
    disable_nagle_algorithm = True

    def do_POST(self):
        global accepted, repeated
        self.read_body()
        key = self.headers.get("Idempotency-Key")
        with lock:
            accepted += 1
            if key is not None:
                if key in keys:
                    repeated += 1
                keys.add(key)
            number = accepted
        self.answer({"id": str(number)})

    def read_body(self):
        # .NET's JsonContent sends its body chunked, without a Content-Length.
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                self.rfile.read(size + 2)
                if size == 0:
                    break
        else:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        with lock:
            self.answer({"accepted": accepted, "repeated": repeated})

    def answer(self, body):
        data = json.dumps(body).encode()
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
        self.wfile.write(head.encode() + data)

    def log_message(self, format, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Gateway).serve_forever()
