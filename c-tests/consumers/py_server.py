"""Python's ssl module as a TLS server, for c-tests/consumers/python.sh.

    python3 py_server.py CHAIN KEY

Listens on an ephemeral port of 127.0.0.1 (printed as "PORT n"), and for
each connection: the TLS handshake with a server-side ssl.SSLContext (ALPN
http/1.1), one HTTP request answered with "hello from python", and one log
line on stdout: "<request path> <version> alpn=<alpn> reused=<bool>", or
"handshake: <exception class>: <reason>". Serves at most 50 connections;
the harness stops it earlier.
"""

import socket
import ssl
import sys


def main():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[1], sys.argv[2])
    ctx.set_alpn_protocols(["http/1.1"])
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    for _ in range(50):
        raw, _ = listener.accept()
        raw.settimeout(10)
        try:
            conn = ctx.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            print(f"handshake: {type(exc).__name__}: {getattr(exc, 'reason', exc)}", flush=True)
            raw.close()
            continue
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
            path = data.split(b" ")[1].decode() if data.count(b" ") >= 2 else "-"
            body = b"hello from python\n"
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            print(
                f"{path} {conn.version()} alpn={conn.selected_alpn_protocol()} "
                f"reused={conn.session_reused}",
                flush=True,
            )
            # close_notify keeps the session resumable; whether the client
            # answers it before closing varies, so its result is not logged
            try:
                conn.unwrap()
            except (ssl.SSLError, OSError):
                pass
        except (ssl.SSLError, OSError) as exc:
            print(f"connection: {type(exc).__name__}: {getattr(exc, 'reason', exc)}", flush=True)
        finally:
            conn.close()


if __name__ == "__main__":
    main()
