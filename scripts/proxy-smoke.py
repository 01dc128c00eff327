"""Sésame behind deploy/haproxy.cfg (scripts/haproxy.sh), as DEPLOY.md says
to run it: TLS 1.2+ with HTTP/2 offered, a page and its compression and
security headers, /metrics refused at the public door, and a kept-alive
connection still good after a pause longer than Sésame's 10 s idle close.
Exits non-zero when one of them does not hold.

    python3 scripts/proxy-smoke.py https://localhost:PORT CA.pem http://127.0.0.1:SESAME_PORT [http://localhost:PORT2]
"""
import http.client
import ssl
import sys
import time
import urllib.parse

proxy, ca, direct = sys.argv[1], sys.argv[2], sys.argv[3]
host = urllib.parse.urlsplit(proxy)
context = ssl.create_default_context(cafile=ca)
context.set_alpn_protocols(["h2", "http/1.1"])
# http.client speaks HTTP/1.1 only.
context_h1 = ssl.create_default_context(cafile=ca)
context_h1.set_alpn_protocols(["http/1.1"])
failures = []


def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def connection():
    return http.client.HTTPSConnection(host.hostname, host.port, context=context_h1, timeout=30)


# TLS: the certificate checked against the test CA; HTTP/2 offered.
with context.wrap_socket(__import__("socket").create_connection((host.hostname, host.port)), server_hostname=host.hostname) as s:
    check("TLS with HTTP/2 offered (ALPN: %s)" % s.selected_alpn_protocol(), s.selected_alpn_protocol() == "h2")
    check("TLS 1.2 or later (%s)" % s.version(), s.version() in ("TLSv1.2", "TLSv1.3"))

c = connection()
c.request("GET", "/connexion", headers={"Accept-Encoding": "br, gzip"})
r = c.getresponse()
body = r.read()
check("the sign-in page through the proxy (%d)" % r.status, r.status == 200)
check("compressed by Sésame (%s)" % r.getheader("Content-Encoding"), r.getheader("Content-Encoding") in ("br", "gzip"))
check("Sésame's security headers kept", r.getheader("X-Content-Type-Options") == "nosniff")

# /metrics and /readyz: never through the public door, whatever the client.
for path in ("/metrics", "/readyz"):
    c.request("GET", path)
    r = c.getresponse()
    r.read()
    check("%s refused at the proxy (%d)" % (path, r.status), r.status == 404)

# Plain http: sent to https.
if len(sys.argv) > 4:
    p = urllib.parse.urlsplit(sys.argv[4])
    h = http.client.HTTPConnection(p.hostname, p.port, timeout=30)
    h.request("GET", "/connexion")
    r = h.getresponse()
    r.read()
    location = r.getheader("Location") or ""
    check("plain http redirected to https (%d %s)" % (r.status, location), r.status == 301 and location.startswith("https://"))

# Kept alive past Sésame's 10 s idle close: the proxy opens a new
# connection to Sésame, the browser's stays good.
time.sleep(11)
try:
    c.request("GET", "/healthz")
    r = c.getresponse()
    check("a kept-alive connection after 11 s idle (%d)" % r.status, r.status == 200 and r.read() == b"ok")
except (http.client.HTTPException, OSError) as e:
    check("a kept-alive connection after 11 s idle (%s)" % e, False)
c.close()

# For comparison, straight to Sésame: its idle close.
d = urllib.parse.urlsplit(direct)
plain = http.client.HTTPConnection(d.hostname, d.port, timeout=30)
plain.request("GET", "/healthz")
plain.getresponse().read()
time.sleep(11)
try:
    plain.request("GET", "/healthz")
    closed = plain.getresponse().status != 200
except (http.client.HTTPException, OSError):
    closed = True
print("info straight to Sésame, the same connection after 11 s: %s" % ("closed by Sésame" if closed else "still open"))

sys.exit(1 if failures else 0)
