#!/usr/bin/env python3
"""A stand-in SMTP server for bench/cluster.sh, on loopback only: takes every e-mail at once (no TLS, no login) and
keeps only counts. GET http://127.0.0.1:HTTP_PORT/count answers {"accepted": n, "repeated": r}: r counts e-mails
whose recipients, headers (but Date and Message-Id) and body were all seen before (the app's e-mails carry no id of
their outbox message, so a repeat send of one outbox message shows as the same content twice).
Prints one line an e-mail: time, the content's key, the RCPT lines.
  bench/cluster/fake-smtp.py SMTP_PORT HTTP_PORT
"""
import asyncio
import hashlib
import json
import sys
import time

accepted = 0
repeated = 0
seen = set()


async def smtp(reader, writer):
    global accepted, repeated

    async def say(line):
        writer.write(line.encode() + b"\r\n")
        await writer.drain()

    await say("220 fake-smtp ready")
    recipients = []
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line.decode("utf-8", "replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                await say("250-fake-smtp\r\n250-8BITMIME\r\n250 SIZE 10485760")
            elif verb == "HELO":
                await say("250 fake-smtp")
            elif verb == "MAIL":
                recipients = []
                await say("250 OK")
            elif verb == "RCPT":
                recipients.append(line.decode("utf-8", "replace").strip())
                await say("250 OK")
            elif verb == "DATA":
                await say("354 end with <CRLF>.<CRLF>")
                lines = []
                while True:
                    data = await reader.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    lines.append(data)
                text = b"".join(lines)
                # Every header but Date and Message-Id, which differ on each send of the same message.
                head, _, body = text.partition(b"\r\n\r\n")
                head = head.replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ")
                kept = [h for h in head.split(b"\r\n") if not h.lower().startswith((b"date:", b"message-id:"))]
                key = hashlib.sha256(b"\n".join(recipients_b(recipients) + kept) + body).hexdigest()
                accepted += 1
                if key in seen:
                    repeated += 1
                seen.add(key)
                # One line an e-mail on stdout: when, the content's key, to whom.
                print(f"{time.time():.3f} {key[:16]} {' '.join(recipients)}", flush=True)
                await say("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                await say("250 OK")
            elif verb == "QUIT":
                await say("221 bye")
                break
            else:
                await say("502 not implemented")
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def recipients_b(recipients):
    return [r.encode() for r in recipients]


async def http(reader, writer):
    try:
        await reader.readuntil(b"\r\n\r\n")
        data = json.dumps({"accepted": accepted, "repeated": repeated}).encode()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                     + f"Content-Length: {len(data)}\r\n\r\n".encode() + data)
        await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    smtp_server = await asyncio.start_server(smtp, "127.0.0.1", int(sys.argv[1]))
    http_server = await asyncio.start_server(http, "127.0.0.1", int(sys.argv[2]))
    async with smtp_server, http_server:
        await asyncio.gather(smtp_server.serve_forever(), http_server.serve_forever())


asyncio.run(main())
