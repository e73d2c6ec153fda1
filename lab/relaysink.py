#!/usr/bin/env python3
"""Lab relay sink: records every message rack sends to the relay, and checks the shared secret.

POST /relay  (Content-Type: application/json, X-Relay-Secret: <secret from <work>/relay.secret>)
  body {"from":..,"to":..,"message":..}; wrong/missing secret -> 401, nothing recorded;
  bad JSON -> 400; flag file <work>/faults/relay-down -> 503; otherwise one JSON line appended to
  <work>/relay.jsonl and 200 {"ok":true}. The Idempotency-Key header is recorded as is.
GET /messages -> the recorded lines as a JSON array.   GET /health -> ok.

Usage: relaysink.py --work DIR [--port 8082] [--pidfile FILE]
"""
import argparse
import datetime
import hmac
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORK = "."
write_lock = threading.Lock()


def secret():
    with open(os.path.join(WORK, "relay.secret")) as f:
        return f.read().strip()


class Handler(BaseHTTPRequestHandler):
    def send_json(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/health":
            self.send_json(200, "ok")
        elif self.path == "/messages":
            out = []
            path = os.path.join(WORK, "relay.jsonl")
            if os.path.exists(path):
                with open(path) as f:
                    out = [json.loads(line) for line in f if line.strip()]
            self.send_json(200, out)
        else:
            self.send_json(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        if self.path != "/relay":
            return self.send_json(404, {"error": "not found"})
        if os.path.exists(os.path.join(WORK, "faults", "relay-down")):
            return self.send_json(503, {"error": "relay unavailable (lab fault relay-down)"})
        given = self.headers.get("X-Relay-Secret") or ""
        if not hmac.compare_digest(given.encode(), secret().encode()):
            return self.send_json(401, {"error": "bad or missing X-Relay-Secret"})
        try:
            msg = json.loads(raw)
            if not isinstance(msg, dict):
                raise ValueError("not an object")
        except ValueError as e:
            return self.send_json(400, {"error": "bad JSON: %s" % e})
        rec = {
            "received": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "from": msg.get("from"),
            "to": msg.get("to"),
            "message": msg.get("message"),
            "idempotencyKey": self.headers.get("Idempotency-Key"),
        }
        with write_lock, open(os.path.join(WORK, "relay.jsonl"), "a") as f:
            f.write(json.dumps(rec) + "\n")
        print("relay %s -> %s: %s" % (rec["from"], rec["to"], rec["message"]), flush=True)
        self.send_json(200, {"ok": True})

    def log_message(self, fmt, *args):
        pass


def main():
    global WORK
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--port", type=int, default=8082)
    ap.add_argument("--pidfile")
    a = ap.parse_args()
    WORK = a.work
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    if a.pidfile:
        with open(a.pidfile, "w") as f:
            f.write(str(os.getpid()))
    print("relaysink listening on 127.0.0.1:%d" % a.port, flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
