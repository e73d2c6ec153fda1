#!/usr/bin/env python3
"""Lab status page: Gatus- and Uptime-Kuma-shaped JSON whose states follow the lab containers.

Stdlib only. A background thread probes every container's HTTP port every ~2 s (and a request
triggers a probe if the last one is older than 1 s). Durations are really measured.

The `slow` fault (flag file <work>/faults/slow): each probe sleeps 3x a base of 100 ms (300 ms)
before it is sent, inside the measured interval, so reported durations are >= 3x the healthy
median even though a healthy local probe takes ~1 ms. Honest in the sense that the probe itself
is slower; rack only sees the durations.

Usage: statuspage.py --work DIR [--port 8081] [--pidfile FILE]
"""
import argparse
import collections
import datetime
import http.client
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

# Endpoints as people name them on a status page, not as Docker names the containers
# (shop-api-1, shop-web-1, shop-worker-1): "Orders API" and "Worker queue" share a word with their
# container; "Storefront" shares none and is linked only by lab/rack.yaml's services map.
SERVICES = [("Orders API", 18081), ("Storefront", 18082), ("Worker queue", 18083)]
GROUP = "staging"


def gatus_key(group, name):
    """Gatus's endpoint key: lower case, group_name, with ' ', '/', '_', ',', '.', '#' as '-'."""
    def clean(s):
        for c in " /_,.#":
            s = s.replace(c, "-")
        return s.lower()
    return clean(group) + "_" + clean(name)
KEEP = 20
SLOW_EXTRA_S = 0.3  # 3 x 100 ms

lock = threading.Lock()
results = {name: collections.deque(maxlen=KEEP) for name, _ in SERVICES}
last_probe = 0.0
probe_lock = threading.Lock()
WORK = "."


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc)


def probe_one(name, port):
    slow = os.path.exists(os.path.join(WORK, "faults", "slow"))
    start = time.monotonic()
    errors, status = [], 0
    try:
        if slow:
            time.sleep(SLOW_EXTRA_S)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/")
        resp = conn.getresponse()
        resp.read()
        status = resp.status
        conn.close()
    except ConnectionRefusedError:
        errors.append("dial tcp 127.0.0.1:%d: connect: connection refused" % port)
    except OSError as e:  # timeouts and the like
        errors.append("GET http://127.0.0.1:%d/: %s" % (port, e))
    duration_ns = int((time.monotonic() - start) * 1e9)
    ok_status = status == 200
    ok_time = duration_ns < 500_000_000
    return {
        "status": status,
        "hostname": "127.0.0.1",
        "duration": duration_ns,
        "errors": errors,
        "conditionResults": [
            {"condition": "[STATUS] == 200", "success": ok_status},
            {"condition": "[RESPONSE_TIME] < 500", "success": ok_time},
        ],
        "success": ok_status and ok_time,
        "timestamp": now_utc().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "_time": now_utc(),
    }


def probe_all():
    global last_probe
    with probe_lock:
        out = {}
        threads = []
        for name, port in SERVICES:
            t = threading.Thread(target=lambda n=name, p=port: out.__setitem__(n, probe_one(n, p)))
            t.start()
            threads.append(t)
        for t in threads:
            t.join()
        with lock:
            for name, _ in SERVICES:
                results[name].append(out[name])
            last_probe = time.monotonic()


def fresh():
    if time.monotonic() - last_probe > 1.0:
        probe_all()


def prober():
    while True:
        try:
            probe_all()
        except Exception as e:  # keep probing whatever happens
            print("probe failed:", e, flush=True)
        time.sleep(2)


def gatus(page_size):
    with lock:
        out = []
        for name, _ in SERVICES:
            rs = [{k: v for k, v in r.items() if not k.startswith("_")} for r in results[name]]
            out.append({"name": name, "group": GROUP, "key": gatus_key(GROUP, name),
                        "results": rs[-page_size:]})
        return out


def kuma_page():
    return {"config": {"slug": "lab", "title": "Lab"},
            "publicGroupList": [{"id": 1, "name": "Services", "monitorList": [
                {"id": i + 1, "name": name} for i, (name, _) in enumerate(SERVICES)]}]}


def kuma_heartbeat():
    hb, up = {}, {}
    with lock:
        for i, (name, _) in enumerate(SERVICES):
            mid = str(i + 1)
            beats = []
            for r in results[name]:
                beats.append({"status": 1 if r["success"] else 0,
                              "time": r["_time"].strftime("%Y-%m-%d %H:%M:%S.%f")[:-3],
                              "msg": "" if r["success"] else "; ".join(r["errors"]) or "condition failed",
                              "ping": round(r["duration"] / 1e6)})
            hb[mid] = beats
            up[mid + "_24"] = (sum(b["status"] for b in beats) / len(beats)) if beats else 1.0
    return {"heartbeatList": hb, "uptimeList": up}


class Handler(BaseHTTPRequestHandler):
    def send_json(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        if u.path == "/health":
            body = b"ok"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif u.path == "/api/v1/endpoints/statuses":
            fresh()
            q = parse_qs(u.query)
            try:
                size = max(1, min(KEEP, int(q.get("pageSize", [KEEP])[0])))
            except ValueError:
                size = KEEP
            self.send_json(200, gatus(size))
        elif u.path == "/api/status-page/lab":
            self.send_json(200, kuma_page())
        elif u.path == "/api/status-page/heartbeat/lab":
            fresh()
            self.send_json(200, kuma_heartbeat())
        else:
            self.send_json(404, {"error": "not found"})

    def log_message(self, fmt, *args):
        pass  # quiet: the probe loop would otherwise flood the log


def main():
    global WORK
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--port", type=int, default=8081)
    ap.add_argument("--pidfile")
    a = ap.parse_args()
    WORK = a.work
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    if a.pidfile:
        with open(a.pidfile, "w") as f:
            f.write(str(os.getpid()))
    threading.Thread(target=prober, daemon=True).start()
    print("statuspage listening on 127.0.0.1:%d" % a.port, flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
