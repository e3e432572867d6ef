#!/usr/bin/env python3
"""Raw HTTP against a running workspace (equilibre serveur), for what a test client cannot send.

Usage: raw_http.py PORT IDLE_SECONDS
Prints one line per check: "ok NAME" or "ECHEC NAME : détail", then a count.
Every check ends by asking the home page again: the server must still answer.
"""
import socket
import sys
import time

PORT = int(sys.argv[1])
IDLE = float(sys.argv[2])
HOST = "127.0.0.1"
results = []


def connect(timeout=10):
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    return s


def read_response(s, limit=20):
    """Reads until the headers and the announced body are in, or the connection closes."""
    data = b""
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            break
        if not chunk:
            break
        data += chunk
        if b"\r\n\r\n" in data:
            head, _, body = data.partition(b"\r\n\r\n")
            length = None
            for line in head.split(b"\r\n")[1:]:
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    length = int(v.strip())
            if length is not None and len(body) >= length:
                break
    return data


def status(data):
    try:
        return int(data.split(b" ", 2)[1])
    except Exception:
        return None


def headers(data):
    head = data.partition(b"\r\n\r\n")[0].decode("latin-1")
    out = {}
    for line in head.split("\r\n")[1:]:
        k, _, v = line.partition(":")
        out[k.strip().lower()] = v.strip()
    return out


def get(path):
    s = connect()
    s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    r = read_response(s)
    s.close()
    return r


def still_serving():
    return status(get(b"/dossiers")) == 200


def token():
    """The pre-session CSRF cookie a first page sets."""
    h = headers(get(b"/dossiers"))
    cookie = h.get("set-cookie", "")
    return cookie.split(";")[0].split("=", 1)[1].encode() if "=" in cookie else b""


def check(name, ok, detail=""):
    alive = still_serving()
    if ok and alive:
        results.append(True)
        print(f"ok {name}")
    else:
        results.append(False)
        print(f"ECHEC {name} : {detail}{'' if alive else ' ; le serveur ne répond plus'}")
    sys.stdout.flush()


# 1. A 50 MB body announced with Connection: close gets a French 413, not a timeout.
s = connect(timeout=20)
s.sendall(
    b"POST /calcul HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    b"Content-Length: 52428800\r\nConnection: close\r\n\r\n"
)
sent = 0
start = time.time()
try:
    chunk = b"a" * 65536
    while sent < 52428800 and time.time() - start < 15:
        s.sendall(chunk)
        sent += len(chunk)
except (BrokenPipeError, ConnectionResetError, socket.timeout):
    pass
r = read_response(s)
s.close()
check("corps de 50 Mo avec Connection: close", status(r) == 413 and "Mo au plus" in r.decode("utf-8", "replace"),
      f"statut {status(r)}, {len(r)} octets reçus")

# 2. A malformed chunked body (with a valid token, so that the body is read): 400, with the
# security headers, and the next request served.
t = token()
s = connect()
s.sendall(
    b"POST /calcul HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: equilibre_csrf=" + t + b"\r\nX-CSRF: " + t + b"\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n"
)
r = read_response(s)
s.close()
h = headers(r)
check("corps « chunked » mal formé", status(r) == 400 and "content-security-policy" in h,
      f"statut {status(r)}, en-têtes {sorted(h)}")

# 3. A request line the HTTP layer refuses: 400 with the security headers.
s = connect()
s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Without Colon\r\n\r\n")
r = read_response(s)
s.close()
h = headers(r)
check("en-tête illisible", status(r) == 400 and "content-security-policy" in h and "x-frame-options" in h,
      f"statut {status(r)}, en-têtes {sorted(h)}")

# 4. An idle connection and a half-sent request are closed after the idle delay.
idle = connect(timeout=IDLE + 15)
half = connect(timeout=IDLE + 15)
half.sendall(b"POST /calcul HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc")
t0 = time.time()
closed = []
for sock in (idle, half):
    try:
        while True:
            d = sock.recv(65536)
            if not d:
                break
        closed.append(time.time() - t0)
    except (socket.timeout, ConnectionResetError):
        closed.append(time.time() - t0 if not isinstance(sys.exc_info()[1], socket.timeout) else None)
    sock.close()
check("connexions inactives et requêtes à moitié envoyées fermées",
      all(c is not None and c <= IDLE + 10 for c in closed), f"fermées après {closed} s (délai {IDLE} s)")

# 5. Many idle sockets do not stop the server from answering.
many = []
try:
    for _ in range(300):
        many.append(connect())
except OSError:
    pass
ok = still_serving()
for sock in many:
    sock.close()
check(f"{len(many)} connexions inactives ouvertes", ok, "la page d'accueil ne répond plus")

failed = results.count(False)
print(f"bilan : {results.count(True)} réussis, {failed} échoués")
sys.exit(1 if failed else 0)
