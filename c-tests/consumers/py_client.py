"""Python's ssl module as a TLS client, for c-tests/consumers/python.sh.

    python3 py_client.py MODE HOST PORT CAFILE [MARK]

Prints outcome lines, the first a short summary: what the standard library
got (status, body, protocol, ALPN, session reuse) or the exception it raised
(class, verify code and message, text). Ports never appear in the output.
"""

import asyncio
import http.client
import socket
import ssl
import sys
import urllib.error
import urllib.request


def cipher_class(name):
    if "GCM" in name:
        return "AES-GCM"
    if "CHACHA20" in name:
        return "CHACHA20"
    return name


def describe(exc):
    """An exception as outcome lines; URLError's reason is the real one."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, Exception):
        print(f"URLError of {type(exc.reason).__name__}")
        exc = exc.reason
    print(f"{type(exc).__name__}: {exc}")
    for attr in ("verify_code", "verify_message", "reason", "library"):
        if hasattr(exc, attr):
            print(f"  {attr}: {getattr(exc, attr)}")


def context(cafile, version=None):
    ctx = ssl.create_default_context(cafile=cafile)
    if version == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    elif version == "1.3":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    return ctx


def request_bytes(host, path):
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()


def body_of(data):
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0].decode(), body.decode()


def urlopen(host, port, cafile, mark):
    url = f"https://{host}:{port}/hello.txt?{mark}"
    with urllib.request.urlopen(url, context=context(cafile), timeout=10) as r:
        print(f"{r.status} {r.read().decode().strip()}")


def httpclient(host, port, cafile, mark):
    conn = http.client.HTTPSConnection(host, port, context=context(cafile), timeout=10)
    conn.request("GET", f"/hello.txt?{mark}")
    # the connection lets go of its socket once a "close" response arrives
    s = conn.sock
    tls = f"{s.version()} {cipher_class(s.cipher()[0])}"
    details = [
        f"alpn: {s.selected_alpn_protocol()}",
        f"peer subject: {dict(x[0] for x in s.getpeercert()['subject'])}",
    ]
    r = conn.getresponse()
    body = r.read().decode().strip()
    print(f"{r.status} {tls}")
    print(f"body: {body}")
    print("\n".join(details))
    conn.close()


def alpn(host, port, cafile, mark):
    ctx = context(cafile)
    ctx.set_alpn_protocols(["h2", "http/1.1"])
    with socket.create_connection((host, port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=host) as s:
            print(f"alpn {s.selected_alpn_protocol()}")
            print(f"version: {s.version()}")


def exchange(s, host, mark):
    s.sendall(request_bytes(host, f"/hello.txt?{mark}"))
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    return body_of(data)


def resume(host, port, cafile, mark, version):
    ctx = context(cafile, version)
    with socket.create_connection((host, port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=host) as s:
            first = exchange(s, host, mark + "-1")
            session = s.session
            v1, r1 = s.version(), s.session_reused
    with socket.create_connection((host, port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=host, session=session) as s:
            second = exchange(s, host, mark + "-2")
            v2, r2 = s.version(), s.session_reused
    print("reused" if r2 else "not reused")
    print(f"first: {v1} reused={r1} {first[0]} {first[1].strip()}")
    print(f"second: {v2} reused={r2} {second[0]} {second[1].strip()}")
    print(f"session has ticket: {session.has_ticket}")
    print(f"session timeout positive: {session.timeout > 0}")


def resume12(host, port, cafile, mark):
    resume(host, port, cafile, mark, "1.2")


def resume13(host, port, cafile, mark):
    resume(host, port, cafile, mark, "1.3")


def asyncio_get(host, port, cafile, mark):
    async def run():
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=context(cafile), server_hostname=host), 10
        )
        obj = writer.get_extra_info("ssl_object")
        writer.write(request_bytes(host, f"/hello.txt?{mark}"))
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), 10)
        writer.close()
        try:
            await writer.wait_closed()
        except (ssl.SSLError, ConnectionError):
            pass
        status, body = body_of(data)
        print(f"{status.split(' ')[1]} {obj.version()}")
        print(f"body: {body.strip()}")
        print(f"ssl_object: {type(obj).__name__}")

    asyncio.run(run())


def memorybio(host, port, cafile, mark):
    """An SSLObject over two MemoryBIOs, driven by hand over a plain socket."""
    ctx = context(cafile)
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(incoming, outgoing, server_hostname=host)
    sock = socket.create_connection((host, port), timeout=10)

    def flush():
        data = outgoing.read()
        if data:
            sock.sendall(data)

    def fill():
        data = sock.recv(16384)
        if data:
            incoming.write(data)
        else:
            incoming.write_eof()

    for _ in range(100):
        try:
            obj.do_handshake()
            break
        except ssl.SSLWantReadError:
            flush()
            fill()
    flush()
    obj.write(request_bytes(host, f"/hello.txt?{mark}"))
    flush()
    data = b""
    for _ in range(1000):
        try:
            chunk = obj.read(4096)
        except ssl.SSLWantReadError:
            fill()
            continue
        except ssl.SSLZeroReturnError:
            break
        if not chunk:
            break
        data += chunk
    sock.close()
    status, body = body_of(data)
    print(f"{status.split(' ')[1]} {obj.version()} {cipher_class(obj.cipher()[0])}")
    print(f"body: {body.strip()}")
    print(f"server_hostname: {obj.server_hostname}")
    print(f"peer subject: {dict(x[0] for x in obj.getpeercert()['subject'])}")


MODES = {
    "urlopen": urlopen,
    "httpclient": httpclient,
    "alpn": alpn,
    "resume12": resume12,
    "resume13": resume13,
    "asyncio": asyncio_get,
    "memorybio": memorybio,
}


def main():
    mode, host, port, cafile = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    mark = sys.argv[5] if len(sys.argv) > 5 else "x"
    try:
        MODES[mode](host, port, cafile, mark)
    except Exception as exc:  # the outcome being compared
        print(f"raised {type(exc).__name__}")
        describe(exc)
        sys.exit(1)


if __name__ == "__main__":
    main()
