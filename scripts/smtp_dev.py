"""smtp_dev.py — the development stack's SMTP server (scripts/up).

aiosmtpd's Mailbox handler: every mail it accepts is one RFC 5322 file
in the maildir $BURENHULP_VAR/mail (new/). One addition, so that the tests
can see a bounce without a second server: a recipient whose local part
begins with "refuse-" is answered 550 at RCPT, as a mailbox that does not
exist would be. Run as

    PYTHONPATH=scripts python3 -m aiosmtpd -n -l 127.0.0.1:PORT \
        -c smtp_dev.DevMailbox DIR
"""

from aiosmtpd.handlers import Mailbox


class DevMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("refuse-"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"
