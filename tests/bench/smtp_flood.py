"""smtp_flood.py — how fast an SMTP server accepts mail on its own: the
ceiling the mailer's rate is set against (tests/bench/run, figure "mailer").

    python3 tests/bench/smtp_flood.py HOST PORT SECONDS CONNECTIONS MESSAGE_FILE

Each of CONNECTIONS threads keeps one SMTP connection (as the mailer keeps
its one) and sends the message of MESSAGE_FILE (a mail the mailer wrote,
so the same size) over and over for SECONDS: MAIL, RCPT, DATA, 250, next.
Prints "sent N seconds S". The recipients are bench addresses; the server
keeps what it accepts like any other mail.
"""

import smtplib
import sys
import threading
import time


def main():
    host, port, seconds, conns, path = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    with open(path, "rb") as f:
        # The maildir keeps LF; on the wire it is CRLF (smtplib sends
        # bytes as they are, and aiosmtpd takes a CRLF-less mail for one
        # line too long).
        msg = f.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    counts = [0] * conns
    errors = [0] * conns
    t_end = time.monotonic() + seconds

    def run(k):
        s = smtplib.SMTP(host, port, timeout=30)
        s.ehlo("bench.localhost")
        n = 0
        while time.monotonic() < t_end:
            try:
                s.sendmail("noreply@localhost", [f"flood{k}-{n}@bench.burenhulp.nl"], msg)
                counts[k] += 1
            except smtplib.SMTPException:
                errors[k] += 1
                s.close()
                s = smtplib.SMTP(host, port, timeout=30)
                s.ehlo("bench.localhost")
            n += 1
        s.quit()

    t0 = time.monotonic()
    threads = [threading.Thread(target=run, args=(k,)) for k in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"sent {sum(counts)} seconds {time.monotonic() - t0:.3f} errors {sum(errors)}")


if __name__ == "__main__":
    main()
