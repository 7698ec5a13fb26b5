#!/usr/bin/env python3
"""The e-mail reminders of `salescoach notify`, received by a real SMTP server.

A local SMTP server (aiosmtpd, Debian's python3-aiosmtpd) on loopback receives what the real
program sends for the demo organisation; `salescoach serve` on the same database answers the
unsubscribe links. Checked: who gets which e-mail, the language, that no private coaching
content (session agendas and notes, action item texts, ...) is in any message, that an
unsubscribe link works (that kind no longer goes to that person), that a second run sends
nothing twice, and that an e-mail that could not be sent is sent on the next run.

usage: test_notify.py SALESCOACH_BIN
"""
import base64
import email
import email.policy
import json
import os
import re
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

BIN = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SALESCOACH_BIN")
LOAD_DAY = "2026-11-28T12:00:00Z"  # the demo's reference day (docs/demo.md), a Saturday
MONDAY = "2026-11-30T05:00:00Z"  # the Monday after: reminders of Tuesday 2026-12-01
NEXT_MONDAY = "2026-12-07T05:00:00Z"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """The aiosmtpd handler: every message received, with its envelope."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append({"rcpt": list(envelope.rcpt_tos), "from": envelope.mail_from,
                              "raw": envelope.original_content, "msg": msg,
                              "tls": session.ssl is not None})
        return "250 Message accepted for delivery"


def text_of(m):
    """Subject and decoded body of a received message."""
    msg = m["msg"]
    return str(msg["Subject"]) + "\n" + msg.get_content()


class NotifyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.dir.name, "demo.db")
        env = dict(os.environ, SALESCOACH_NOW=LOAD_DAY)
        subprocess.run([BIN, "--db", cls.db, "demo"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        cls.inbox = Inbox()
        cls.smtp_port = free_port()
        cls.smtp = Controller(cls.inbox, hostname="127.0.0.1", port=cls.smtp_port)
        cls.smtp.start()
        cls.web_port = free_port()
        cls.server = subprocess.Popen(
            [BIN, "--db", cls.db, "serve", "--listen", f"127.0.0.1:{cls.web_port}"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{cls.web_port}/api/health").read()
                break
            except OSError:
                time.sleep(0.1)
        cls.private = cls.private_texts()

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=20)
        cls.smtp.stop()
        cls.dir.cleanup()

    @classmethod
    def private_texts(cls):
        """Every piece of private coaching content in the database, long enough to recognise."""
        con = sqlite3.connect(cls.db)
        texts = []
        for sql in ("SELECT agenda FROM coaching_session", "SELECT notes FROM coaching_session",
                    "SELECT follow_up FROM coaching_session", "SELECT text FROM action_item",
                    "SELECT goals FROM coaching_plan", "SELECT strengths FROM observation",
                    "SELECT improvement FROM observation"):
            texts += [r[0] for r in con.execute(sql) if r[0] and len(r[0]) >= 12]
        con.close()
        assert len(texts) > 50, "the demo has private content to look for"
        return texts

    def query(self, sql, *args):
        con = sqlite3.connect(self.db)
        rows = con.execute(sql, args).fetchall()
        con.close()
        return rows

    def notify(self, now, *args, smtp_port=None, extra=None):
        env = dict(os.environ, **(extra or {}), SALESCOACH_NOW=now,
                   SALESCOACH_SMTP_URL=f"smtp://127.0.0.1:{smtp_port or self.smtp_port}",
                   SALESCOACH_SMTP_FROM="coaching@vandijk.example",
                   SALESCOACH_PUBLIC_URL=f"http://127.0.0.1:{self.web_port}/",
                   SALESCOACH_SMTP_PASSWORD="not-to-be-printed")
        run = subprocess.run([BIN, "--db", self.db, "notify", *args], env=env,
                             capture_output=True, text=True)
        self.assertNotIn("not-to-be-printed", run.stdout + run.stderr)
        return run

    def received(self, since):
        return self.inbox.messages[since:]

    def login(self, email_address, port=None):
        """A function that calls the API as that person (cookie and CSRF token): the answer's
        JSON, or with status=True (status, JSON) also for a refusal."""
        base = f"http://127.0.0.1:{port or self.web_port}"
        req = urllib.request.Request(base + "/api/login", method="POST",
                                     data=json.dumps({"email": email_address,
                                                      "password": "demo-password"}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            cookie = r.headers["Set-Cookie"].split(";")[0]
            csrf = json.loads(r.read())["csrf_token"]

        def call(method, path, body=None, status=False):
            req = urllib.request.Request(
                base + path, method=method, data=json.dumps(body).encode() if body else None,
                headers={"Cookie": cookie, "X-CSRF-Token": csrf,
                         "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req) as r:
                    answer = (r.status, json.loads(r.read()))
            except urllib.error.HTTPError as e:
                if not status:
                    raise
                answer = (e.code, json.loads(e.read()))
            return answer if status else answer[1]
        return call

    def sessions_on(self, day):
        """(coach e-mail, coachee e-mail) of the sessions planned on a day (UTC+1 in winter)."""
        return self.query(
            "SELECT cp.email, ce.email FROM coaching_session s"
            " JOIN assignment a ON a.id = s.assignment JOIN coach c ON c.id = a.coach"
            " JOIN person cp ON cp.id = c.person JOIN person ce ON ce.id = a.coachee"
            " WHERE s.status = 'planned' AND datetime(s.at, '+1 hour') >= ?"
            " AND datetime(s.at, '+1 hour') < datetime(?, '+1 day')", day, day)

    def assert_folded(self, m):
        """Every line at most 78 characters (RFC 5322), but the one that holds only the
        unsubscribe link, which cannot be broken; encoded words at most 75, each whole UTF-8."""
        raw = m["raw"].decode("ascii")  # headers encoded, the body quoted-printable
        link = "<" + re.search(r"<([^>]+)>", m["msg"]["List-Unsubscribe"]).group(1) + ">"
        for line in raw.split("\r\n"):
            if line != " " + link:
                self.assertLessEqual(len(line), 78, line)
        head = raw.partition("\r\n\r\n")[0]
        self.assertIn("\r\n " + link + "\r\n", head)
        for word in re.findall(r"=\?UTF-8\?B\?([^?]*)\?=", head):
            self.assertLessEqual(len(word) + 12, 75)
            base64.b64decode(word).decode("utf-8")  # no character split between words

    def test_1_monday_run(self):
        # Lotte Mulder chose English for her e-mails; everyone else reads the demo's Dutch.
        run = subprocess.run([BIN, "--db", self.db, "--as", "lotte.mulder@vandijk.example",
                              "notify", "settings", "--email-lang", "en"],
                             env=dict(os.environ, SALESCOACH_NOW=LOAD_DAY),
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("taal van uw e-mails: en", run.stdout)
        self.assertIn("herinneringen aan sessies: ja", run.stdout)

        # A dry run says what it would send and sends and records nothing.
        dry = self.notify(MONDAY, "--dry-run")
        self.assertEqual(dry.returncode, 0, dry.stderr)
        self.assertIn("proefrun, niets verstuurd", dry.stdout)
        self.assertEqual(self.inbox.messages, [])
        self.assertEqual(self.query("SELECT COUNT(*) FROM notify_sent")[0][0], 0)

        run = self.notify(MONDAY)
        self.assertEqual(run.returncode, 0, run.stderr)
        got = self.received(0)
        self.assertTrue(got)
        self.assertRegex(run.stdout, rf"^{len(got)} e-mails verstuurd:", run.stdout)
        by_kind = {}
        for m in got:
            self.assertEqual(len(m["rcpt"]), 1)
            self.assertEqual(m["msg"]["To"].addresses[0].addr_spec, m["rcpt"][0])
            self.assertEqual(m["from"], "coaching@vandijk.example")
            by_kind.setdefault(m["msg"]["X-Salescoach-Kind"], []).append(m)
        self.assertEqual(set(by_kind), {"session", "actions", "alerts"})

        # Session reminders: both parties of every session planned for Tuesday 2026-12-01.
        sessions = self.sessions_on("2026-12-01")
        self.assertTrue(sessions)
        want = sorted([c for c, _ in sessions] + [e for _, e in sessions])
        self.assertEqual(sorted(m["rcpt"][0] for m in by_kind["session"]), want)
        # The printout names each recipient, never the content.
        for addr in want:
            self.assertIn(addr, run.stdout)

        # The overdue action items go to their owners: Bart Schouten has 3 (docs/demo.md).
        bart = [m for m in by_kind["actions"] if m["rcpt"][0] == "bart.schouten@vandijk.example"]
        self.assertEqual(len(bart), 1)
        body = text_of(bart[0])
        self.assertIn("U heeft 3 verlopen actiepunten", body)
        self.assertIn("2026-11-08, 2026-11-16, 2026-11-23", body)
        owners = {r[0] for r in self.query(
            "SELECT p.email FROM action_item i JOIN person p ON p.id = i.owner"
            " WHERE i.done_on IS NULL AND i.due_on < '2026-11-30'")}
        self.assertEqual({m["rcpt"][0] for m in by_kind["actions"]}, owners)

        # The alert digest goes to the administrator and to the people responsible.
        alerts_to = {m["rcpt"][0] for m in by_kind["alerts"]}
        self.assertIn("admin@salescoach.example", alerts_to)
        self.assertIn("sandra.visser@vandijk.example", alerts_to)  # Bart's coach
        # An executive reads no alerts in salescoach (aggregates only): no digest either.
        self.assertNotIn("annelies.devries@vandijk.example", alerts_to)
        sandra = [text_of(m) for m in by_kind["alerts"]
                  if m["rcpt"][0] == "sandra.visser@vandijk.example"][0]
        self.assertIn("3 actiepunten uit de coaching van Bart Schouten", sandra)

        # Language: Dutch for the Dutch organisation, English for Lotte's choice.
        for m in got:
            text = text_of(m)
            if m["rcpt"][0] == "lotte.mulder@vandijk.example":
                self.assertEqual(m["msg"]["Content-Language"], "en")
                self.assertIn("Hello Lotte Mulder", text)
                self.assertIn("Reminder: one-to-one with Jeroen Bakker tomorrow at 08:00",
                              text)
                self.assertIn("Tuesday 2026-12-01, 08:00 (60 minutes)", text)
            else:
                self.assertEqual(m["msg"]["Content-Language"], "nl")
                self.assertIn("Beste ", text)
                self.assertNotIn("Hello", text)
        jeroen = [text_of(m) for m in by_kind["session"]
                  if m["rcpt"][0] == "jeroen.bakker@vandijk.example"]
        self.assertTrue(any("Herinnering: een-op-eengesprek met Lotte Mulder morgen om 08:00"
                            in t and "dinsdag 2026-12-01" in t for t in jeroen), jeroen)

        # No private coaching content anywhere, headers included; the form is right.
        for m in got:
            raw = m["raw"].decode("utf-8", "replace")
            text = text_of(m)
            for secret in self.private:
                self.assertNotIn(secret, text)
                self.assertNotIn(secret, raw)
            self.assertEqual(m["msg"].get_content_type(), "text/plain")
            self.assertEqual(m["msg"].get_content_charset(), "utf-8")
            for h in ("Date", "Message-ID", "MIME-Version", "List-Unsubscribe"):
                self.assertIn(h, m["msg"])
            self.assertIn(f"http://127.0.0.1:{self.web_port}/api/unsubscribe/",
                          m["msg"]["List-Unsubscribe"])
            self.assertEqual(m["msg"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
            head, _, body = raw.partition("\r\n\r\n")
            self.assertTrue(all(len(line) <= 998 for line in head.split("\r\n")))
            self.assert_folded(m)
            self.assertTrue(all(len(line) <= 76 for line in body.split("\r\n")), body)

        # Recorded: one row per e-mail; a second run the same day sends nothing.
        self.assertEqual(self.query("SELECT COUNT(*) FROM notify_sent")[0][0], len(got))
        again = self.notify(MONDAY)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("Vandaag niets te versturen.", again.stdout)
        self.assertIn(f"Overgeslagen: {len(got)} eerder verstuurd", again.stdout)
        self.assertEqual(len(self.inbox.messages), len(got))

    def test_2_unsubscribe(self):
        mine = [m for m in self.inbox.messages
                if m["rcpt"][0] == "lotte.mulder@vandijk.example"
                and m["msg"]["X-Salescoach-Kind"] == "session"]
        self.assertEqual(len(mine), 1)
        link = re.search(r"<([^>]+)>", mine[0]["msg"]["List-Unsubscribe"]).group(1)
        self.assertIn(link, text_of(mine[0]))  # the same link in the text
        def prefs():
            return self.query("SELECT n.session, n.actions, n.alerts FROM notify_pref n"
                              " JOIN person p ON p.id = n.person WHERE p.email = ?",
                              "lotte.mulder@vandijk.example")
        before = prefs()
        # Opening the link (a browser, a mail scanner, a link preview) changes nothing: a page
        # in the e-mail's language asks, with a button that POSTs (no script: the CSP).
        req = urllib.request.Request(link, headers={"Accept": "text/html"})
        with urllib.request.urlopen(req) as r:
            self.assertEqual(r.status, 200)
            self.assertIn("form-action 'self'", r.headers["Content-Security-Policy"])
            page = r.read().decode()
        self.assertIn("Do you want to stop receiving session reminders from salescoach?", page)
        self.assertIn('<form method="post"><button type="submit">Unsubscribe</button>', page)
        self.assertNotIn("<script", page)
        self.assertNotIn("style=", page)
        with urllib.request.urlopen(link) as r:
            self.assertEqual(json.loads(r.read())["kind"], "session")
        self.assertEqual(prefs(), before)
        # The button: a form's POST, as a browser sends it (no body, text/html wanted).
        req = urllib.request.Request(link, method="POST", data=b"", headers={
            "Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req) as r:
            page = r.read().decode()
        self.assertIn("You will no longer receive session reminders from salescoach.", page)
        self.assertNotIn("<form", page)
        self.assertEqual(prefs(), [(0, 1, 1)])  # that kind only
        # Again: no error, the same answer.
        req = urllib.request.Request(link, method="POST", data=b"")
        with urllib.request.urlopen(req) as r:
            self.assertEqual(json.loads(r.read())["unsubscribed"], "session")
        # An unknown link: 404, to GET and POST alike.
        for method in ("GET", "POST"):
            with self.assertRaises(urllib.error.HTTPError) as e:
                urllib.request.urlopen(urllib.request.Request(link[:-4] + "0000", method=method,
                                                              data=b"" if method == "POST"
                                                              else None))
            self.assertEqual(e.exception.code, 404)

        # Her choices say so, through the API as on the command line; she can undo it there.
        api = self.login("lotte.mulder@vandijk.example")
        self.assertEqual(api("GET", "/api/me/notifications"),
                         {"lang": "en", "session": False, "actions": True, "alerts": True})
        run = subprocess.run([BIN, "--db", self.db, "--as", "lotte.mulder@vandijk.example",
                              "--lang", "en", "notify", "settings"],
                             env=dict(os.environ, SALESCOACH_NOW=LOAD_DAY),
                             capture_output=True, text=True)
        self.assertIn("session reminders: no (unsubscribed)", run.stdout)
        self.assertEqual(api("PATCH", "/api/me/notifications", {"alerts": False})["alerts"],
                         False)
        self.assertEqual(api("PATCH", "/api/me/notifications", {"alerts": True}),
                         {"lang": "en", "session": False, "actions": True, "alerts": True})
        with self.assertRaises(urllib.error.HTTPError) as e:
            api("PATCH", "/api/me/notifications", {"lang": "de"})
        self.assertEqual(e.exception.code, 422)

        # Next Monday: Lotte's coach is reminded of their session of Tuesday 12-08, she is not.
        before = len(self.inbox.messages)
        run = self.notify(NEXT_MONDAY)
        self.assertEqual(run.returncode, 0, run.stderr)
        got = self.received(before)
        session_to = [m["rcpt"][0] for m in got if m["msg"]["X-Salescoach-Kind"] == "session"]
        self.assertIn(("jeroen.bakker@vandijk.example", "lotte.mulder@vandijk.example"),
                      self.sessions_on("2026-12-08"))
        self.assertIn("jeroen.bakker@vandijk.example", session_to)
        self.assertNotIn("lotte.mulder@vandijk.example", session_to)
        self.assertIn("1 afgemeld", run.stdout)
        # Another week: the weekly e-mails go again.
        self.assertTrue(any(m["msg"]["X-Salescoach-Kind"] == "alerts" for m in got))

    def test_2b_one_click(self):
        """A mail client's one-click POST (RFC 8058) on a Dutch e-mail: that kind only."""
        bart = [m for m in self.inbox.messages
                if m["rcpt"][0] == "bart.schouten@vandijk.example"
                and m["msg"]["X-Salescoach-Kind"] == "actions"]
        self.assertTrue(bart)
        self.assertEqual(bart[0]["msg"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        one_click = re.search(r"<([^>]+)>", bart[0]["msg"]["List-Unsubscribe"]).group(1)
        nl = urllib.request.Request(one_click, headers={"Accept": "text/html"})
        with urllib.request.urlopen(nl) as r:
            page = r.read().decode()
        self.assertIn('<html lang="nl">', page)
        self.assertIn("Wilt u zich afmelden voor het wekelijkse overzicht van verlopen "
                      "actiepunten van salescoach?", page)
        self.assertIn(">Afmelden</button>", page)
        prefs = ("SELECT n.session, n.actions, n.alerts FROM notify_pref n"
                 " JOIN person p ON p.id = n.person WHERE p.email = ?")
        self.assertEqual(self.query(prefs, "bart.schouten@vandijk.example"), [])
        req = urllib.request.Request(one_click, method="POST", data=b"List-Unsubscribe=One-Click",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req) as r:
            body = json.loads(r.read())
        self.assertEqual(body["unsubscribed"], "actions")
        self.assertIn("U ontvangt het wekelijkse overzicht van verlopen actiepunten niet meer",
                      body["message"])
        self.assertEqual(self.query(prefs, "bart.schouten@vandijk.example"), [(1, 0, 1)])

    def test_3_failed_send_is_sent_next_run(self):
        tuesday = "2026-12-08T05:00:00Z"
        run = self.notify(tuesday, smtp_port=free_port())  # nobody listens there
        self.assertEqual(run.returncode, 1)
        self.assertIn("niet worden verstuurd", run.stderr)
        self.assertEqual(self.query("SELECT COUNT(*) FROM notify_sent WHERE sent_on = ?",
                                    "2026-12-08")[0][0], 0)
        before = len(self.inbox.messages)
        run = self.notify(tuesday)
        self.assertEqual(run.returncode, 0, run.stderr)
        got = self.received(before)
        want = self.sessions_on("2026-12-09")
        sessions = [m for m in got if m["msg"]["X-Salescoach-Kind"] == "session"]
        self.assertEqual(len(sessions), 2 * len(want))
        # A weekly e-mail goes at most once a week: on Tuesday only to someone who had none
        # of that kind this week (an action item that became overdue since Monday).
        for m in got:
            kind = m["msg"]["X-Salescoach-Kind"]
            if kind != "session":
                self.assertEqual(self.query(
                    "SELECT COUNT(*) FROM notify_sent s JOIN person p ON p.id = s.person"
                    " WHERE p.email = ? AND s.kind = ? AND s.about = '2026-W50'",
                    m["rcpt"][0], kind)[0][0], 1)
        self.assertEqual(self.query("SELECT COUNT(*) FROM notify_sent WHERE sent_on = ?",
                                    "2026-12-08")[0][0], len(got))

    def test_4_starttls(self):
        """An SMTP server that demands STARTTLS, with a certificate of its own."""
        cert, key = (os.path.join(self.dir.name, n) for n in ("cert.pem", "key.pem"))
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-keyout", key, "-out", cert, "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        inbox = Inbox()
        port = free_port()
        tls = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=ctx,
                         require_starttls=True)
        tls.start()
        try:
            day = "2026-12-09T05:00:00Z"
            # STARTTLS asked for, a server that does not offer it: nothing goes in the clear.
            before = len(self.inbox.messages)
            run = self.notify(day, extra={"SALESCOACH_SMTP_STARTTLS": "1"})
            self.assertEqual(run.returncode, 1)
            self.assertEqual(len(self.inbox.messages), before)
            # Without STARTTLS the server refuses the mail: nothing sent, nothing recorded.
            run = self.notify(day, smtp_port=port)
            self.assertEqual(run.returncode, 1)
            self.assertEqual(inbox.messages, [])
            # With STARTTLS, trusting the server's certificate: sent over TLS.
            run = self.notify(day, smtp_port=port, extra={"SALESCOACH_SMTP_STARTTLS": "1",
                                                          "SALESCOACH_SMTP_CAFILE": cert})
            self.assertEqual(run.returncode, 0, run.stderr)
            sent = len(inbox.messages)
            reminders = [m for m in inbox.messages if m["msg"]["X-Salescoach-Kind"] == "session"]
            self.assertEqual(len(reminders), 2 * len(self.sessions_on("2026-12-10")))
            self.assertTrue(all(m["tls"] for m in inbox.messages))
            # A certificate nobody vouches for is refused: nothing goes in the clear instead.
            run = self.notify("2026-12-10T05:00:00Z", smtp_port=port,
                              extra={"SALESCOACH_SMTP_STARTTLS": "1"})
            self.assertEqual(run.returncode, 1)
            self.assertIn("SSL", run.stderr)
            self.assertEqual(len(inbox.messages), sent)
        finally:
            tls.stop()

    def test_5_refusals(self):
        env = dict(os.environ, SALESCOACH_NOW=MONDAY)
        for var in ("SALESCOACH_SMTP_URL", "SALESCOACH_SMTP_FROM", "SALESCOACH_PUBLIC_URL"):
            env.pop(var, None)
        run = subprocess.run([BIN, "--db", self.db, "notify"], env=env, capture_output=True,
                             text=True)
        self.assertEqual(run.returncode, 2)
        self.assertIn("SALESCOACH_SMTP_URL", run.stderr)
        run = subprocess.run([BIN, "--db", self.db, "--as", "lotte.mulder@vandijk.example",
                              "notify", "--dry-run"], env=env, capture_output=True, text=True)
        self.assertEqual(run.returncode, 2)
        self.assertIn("alleen een beheerder", run.stderr)
        run = subprocess.run([BIN, "--db", self.db, "--lang", "en", "notify", "--help"],
                             env=env, capture_output=True, text=True)
        self.assertIn("usage: salescoach notify [--dry-run]", run.stdout)

    def test_6_long_names_and_subjects(self):
        """A long accented name and a long Dutch subject: folded, and read back the same."""
        accented = "Youssef Abdelkarim El Idrissi-Ündüz van Hoogstraten-Ménard tot Ærenbergh"
        long_ascii = "Wijk, Jesse van (regiomanager Zuid-Holland en Zeeland, zakelijke klanten)"
        con = sqlite3.connect(self.db)
        con.execute("UPDATE person SET name = ? WHERE name = 'Youssef El Idrissi'", (accented,))
        con.execute("UPDATE person SET name = ? WHERE name = 'Jesse van Wijk'", (long_ascii,))
        con.commit()
        con.close()
        before = len(self.inbox.messages)
        run = self.notify("2026-12-10T05:00:00Z")
        self.assertEqual(run.returncode, 0, run.stderr)
        got = [m for m in self.received(before) if m["msg"]["X-Salescoach-Kind"] == "session"]
        self.assertEqual(len(got), 4)  # two sessions on Friday 2026-12-11, both parties
        names = {m["msg"]["To"].addresses[0].display_name for m in got}
        self.assertIn(accented, names)
        self.assertIn(long_ascii, names)
        subjects = [str(m["msg"]["Subject"]) for m in got]
        for name in (accented, long_ascii):
            subject = [s for s in subjects if name in s]
            self.assertEqual(len(subject), 1, subjects)
            self.assertRegex(subject[0], r"^Herinnering: .+ met " + re.escape(name)
                             + r" morgen om \d\d:\d\d$")
        for m in self.received(before):
            self.assert_folded(m)
            self.assertNotIn("=?", str(m["msg"]["Subject"]))

    def test_6b_a_name_that_looks_encoded_stays_text(self):
        """A name typed as an encoded word is shown as typed, never decoded into another."""
        fake = "=?UTF-8?B?QWRtaW4gKHZlcmlmaWVkKQ==?="  # "Admin (verified)"
        coach, coachee = self.sessions_on("2026-12-16")[0]
        con = sqlite3.connect(self.db)
        con.execute("UPDATE person SET name = ? WHERE email = ?", (fake, coachee))
        con.commit()
        con.close()
        before = len(self.inbox.messages)
        run = self.notify("2026-12-15T05:00:00Z")
        self.assertEqual(run.returncode, 0, run.stderr)
        got = [m for m in self.received(before) if m["msg"]["X-Salescoach-Kind"] == "session"]
        to_coachee = [m for m in got if coachee in m["rcpt"]]
        to_coach = [m for m in got if coach in m["rcpt"]]
        self.assertTrue(to_coachee and to_coach)
        for m in to_coachee:
            self.assertEqual(m["msg"]["To"].addresses[0].display_name, fake)
        self.assertTrue(any(fake in str(m["msg"]["Subject"]) for m in to_coach))
        for m in got:
            self.assertNotIn("Admin (verified)", str(m["msg"]["Subject"]) + str(m["msg"]["To"]))
            self.assert_folded(m)

    def test_7_smtp_settings(self):
        """The organisation's SMTP settings come before the environment. The environment's
        login goes to the environment's server only; the password for the organisation's own
        server is the operator's file named by its id, never a setting, stored or shown."""
        def org(*args, lang=None):
            return subprocess.run([BIN, "--db", self.db, *(["--lang", lang] if lang else []),
                                   "org", *args], env=dict(os.environ, SALESCOACH_NOW=LOAD_DAY),
                                  capture_output=True, text=True)

        def settings():
            return json.loads(org("show", "--json").stdout)["settings"]
        # Values of the wrong form are refused, in Dutch (the organisation's) or English.
        for key, value, nl, en in (
                ("smtp_url", "http://mail.example.com", "is geen adres van een SMTP-server",
                 "is not the address of an SMTP server"),
                ("smtp_url", "smtp://", "is geen adres van een SMTP-server",
                 "is not the address of an SMTP server"),
                ("smtp_from", "coaching.vandijk.example", "is geen e-mailadres",
                 "is not an e-mail address"),
                ("smtp_user", "twee woorden", "zonder spaties", "without spaces")):
            run = org("set", key, value)
            self.assertEqual(run.returncode, 2, run.stdout)
            self.assertIn(nl, run.stderr)
            run = org("set", key, value, lang="en")
            self.assertIn(en, run.stderr)
        self.assertEqual({k: v for k, v in settings().items() if k.startswith("smtp")},
                         {"smtp_url": "", "smtp_from": "", "smtp_user": ""})
        # No setting names a file: the server reads none that an administrator chooses.
        run = org("set", "smtp_password_file", "/etc/shadow")
        self.assertEqual(run.returncode, 2)

        # A server of the organisation's own that wants a login: the user from the settings,
        # the password from the operator's folder, the environment's password never.
        logins = []

        def authenticator(server, session, envelope, mechanism, auth_data):
            logins.append((auth_data.login.decode(), auth_data.password.decode()))
            return AuthResult(success=auth_data.login == b"coach-mailer"
                              and auth_data.password == b"s3cret-from-file")
        inbox = Inbox()
        port = free_port()
        server = Controller(inbox, hostname="127.0.0.1", port=port,
                            authenticator=authenticator, auth_required=True,
                            auth_require_tls=False)
        server.start()
        folder = os.path.join(self.dir.name, "smtp-passwords")
        os.mkdir(folder)
        secret = os.path.join(folder, str(json.loads(org("show", "--json").stdout)["id"]))
        try:
            for key, value in (("smtp_url", f"smtp://127.0.0.1:{port}"),
                               ("smtp_from", "planning@vandijk.example"),
                               ("smtp_user", "coach-mailer")):
                run = org("set", key, value)
                self.assertEqual(run.returncode, 0, run.stderr)
            # No password for the organisation's server: nothing is sent, and it says where
            # the operator puts it; the environment's password is not tried instead.
            day = "2026-12-13T05:00:00Z"
            dir_env = {"SALESCOACH_SMTP_PASSWORD_DIR": folder}
            run = self.notify(day, smtp_port=free_port(), extra=dir_env)
            self.assertEqual(run.returncode, 2)
            self.assertIn("SALESCOACH_SMTP_PASSWORD_DIR", run.stderr)
            self.assertEqual(inbox.messages, [])
            self.assertEqual(logins, [])
            with open(secret, "w") as f:
                f.write("s3cret-from-file\n")
            # The settings win over the environment (which names a port where nobody listens).
            run = self.notify(day, smtp_port=free_port(), extra=dir_env)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertTrue(inbox.messages)
            reminders = [m for m in inbox.messages if m["msg"]["X-Salescoach-Kind"] == "session"]
            self.assertEqual(len(reminders), 2 * len(self.sessions_on("2026-12-14")))
            self.assertEqual(set(logins), {("coach-mailer", "s3cret-from-file")})
            for m in inbox.messages:
                self.assertEqual(m["from"], "planning@vandijk.example")
                self.assertIn("<planning@vandijk.example>", str(m["msg"]["From"]))
            self.assertNotIn("s3cret-from-file", run.stdout + run.stderr)
            # Nowhere in the database, the settings shown or the API.
            with open(self.db, "rb") as f:
                self.assertNotIn(b"s3cret-from-file", f.read())
            api = self.login("admin@salescoach.example")
            shown = json.dumps(api("GET", "/api/settings"))
            self.assertIn(f"smtp://127.0.0.1:{port}", shown)
            self.assertNotIn("s3cret-from-file", shown)
            self.assertNotIn("s3cret-from-file", org("show").stdout)
        finally:
            server.stop()
            for key in ("smtp_url", "smtp_from", "smtp_user"):
                org("set", key, "")

        # Without settings and without the environment: both are named, in Dutch.
        env = dict(os.environ, SALESCOACH_NOW=MONDAY)
        for var in ("SALESCOACH_SMTP_URL", "SALESCOACH_SMTP_FROM"):
            env.pop(var, None)
        run = subprocess.run([BIN, "--db", self.db, "notify"], env=env, capture_output=True,
                             text=True)
        self.assertEqual(run.returncode, 2)
        self.assertIn("smtp_url is niet ingesteld", run.stderr)
        self.assertIn("SALESCOACH_SMTP_URL", run.stderr)

    def test_8_operator_keeps_smtp(self):
        """SALESCOACH_SMTP_ORG_SERVERS=deny (a hosted server of many organisations): no
        organisation sets a server, login or sender of its own, by the command line or the
        API, and `notify` sends through the environment's server whatever was stored before,
        saying so once. Any other value than allow or deny stops serve and notify."""
        deny = {"SALESCOACH_SMTP_ORG_SERVERS": "deny"}

        def org(*args, lang=None, extra=None):
            return subprocess.run([BIN, "--db", self.db, *(["--lang", lang] if lang else []),
                                   "org", *args],
                                  env=dict(os.environ, **(extra or {}), SALESCOACH_NOW=LOAD_DAY),
                                  capture_output=True, text=True)

        def smtp_settings():
            return {k: v for k, v in json.loads(org("show", "--json").stdout)["settings"].items()
                    if k.startswith("smtp")}
        # Stored while the operator still allowed it: a server the administrator chose.
        rogue = Inbox()
        rogue_port = free_port()
        rogue_server = Controller(rogue, hostname="127.0.0.1", port=rogue_port)
        rogue_server.start()
        stored = {"smtp_url": f"smtp://127.0.0.1:{rogue_port}",
                  "smtp_from": "ceo@bank.example", "smtp_user": "someone"}
        api_server = None
        try:
            for key, value in stored.items():
                self.assertEqual(org("set", key, value).returncode, 0)

            # Refused on the command line, in Dutch and English, and nothing stored.
            for key, value in (("smtp_url", "smtp://mail.elsewhere.example:25"),
                               ("smtp_from", "coaching@elsewhere.example"),
                               ("smtp_user", "other")):
                run = org("set", key, value, extra=deny)
                self.assertEqual(run.returncode, 2, run.stdout)
                self.assertIn(f"{key}: de beheerder van deze salescoach-server staat niet toe",
                              run.stderr)
                self.assertIn("SALESCOACH_SMTP_ORG_SERVERS=deny", run.stderr)
                run = org("set", key, value, lang="en", extra=deny)
                self.assertEqual(run.returncode, 2)
                self.assertIn("the operator of this salescoach server does not let "
                              "organisations choose their own mail server", run.stderr)
            self.assertEqual(smtp_settings(), stored)
            self.assertIn("smtp_url, smtp_from en smtp_user zijn van de beheerder",
                          org("show", extra=deny).stdout)
            self.assertNotIn("van de beheerder", org("show").stdout)

            # notify ignores what is stored: the environment's server and sender, said once.
            day = "2026-12-16T05:00:00Z"
            self.assertTrue(self.sessions_on("2026-12-17"), "the demo plans sessions then")
            before = len(self.inbox.messages)
            run = self.notify(day, extra=deny)
            self.assertEqual(run.returncode, 0, run.stderr)
            got = self.received(before)
            self.assertEqual(len([m for m in got if m["msg"]["X-Salescoach-Kind"] == "session"]),
                             2 * len(self.sessions_on("2026-12-17")))
            for m in got:
                self.assertEqual(m["from"], "coaching@vandijk.example")
                self.assertIn("<coaching@vandijk.example>", str(m["msg"]["From"]))
            self.assertEqual(rogue.messages, [])
            said = "de eigen smtp_url, smtp_from, smtp_user van de organisatie worden genegeerd"
            self.assertEqual((run.stdout + run.stderr).count(said), 1, run.stderr)
            # Without the operator's server, the message sends the operator, not `org set`.
            env = {k: v for k, v in os.environ.items() if k != "SALESCOACH_SMTP_URL"}
            run = subprocess.run([BIN, "--db", self.db, "notify"], capture_output=True,
                                 text=True, env=dict(env, **deny, SALESCOACH_NOW=day,
                                                     SALESCOACH_SMTP_FROM="c@vandijk.example"))
            self.assertEqual(run.returncode, 2, run.stderr)
            self.assertIn("SALESCOACH_SMTP_URL is niet ingesteld, en de beheerder van deze "
                          "server houdt de mailserver in eigen hand", run.stderr)
            self.assertNotIn("org set", run.stderr)

            # The API refuses them (422, the setting named, nothing stored, not even the
            # values that were fine) and says they are not editable, for the settings page.
            api_port = free_port()
            api_server = subprocess.Popen(
                [BIN, "--db", self.db, "serve", "--listen", f"127.0.0.1:{api_port}"],
                env=dict(os.environ, **deny, SALESCOACH_NOW=LOAD_DAY),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{api_port}/api/health").read()
                    break
                except OSError:
                    time.sleep(0.1)
            api = self.login("admin@salescoach.example", port=api_port)
            listed = {s["key"]: s for s in api("GET", "/api/settings")["settings"]}
            self.assertEqual({k for k, s in listed.items() if not s["editable"]},
                             {"smtp_url", "smtp_from", "smtp_user"})
            max_span = listed["max_span"]["value"]
            for lang, text in (("nl", "staat niet toe dat organisaties een eigen mailserver"),
                               ("en", "does not let organisations choose their own mail")):
                status, body = api("PATCH", f"/api/settings?lang={lang}",
                                   {"max_span": max_span + 1,
                                    "smtp_url": "smtp://mail.elsewhere.example:25"},
                                   status=True)
                self.assertEqual(status, 422, body)
                self.assertEqual(body["error"]["field"], "smtp_url", body)
                self.assertIn(text, body["error"]["message"])
            after = {s["key"]: s["value"] for s in api("GET", "/api/settings")["settings"]}
            self.assertEqual(after["max_span"], max_span)
            self.assertEqual({k: after[k] for k in stored}, stored)
            # Emptying is allowed: back to the environment, as the operator wants.
            status, body = api("PATCH", "/api/settings", {"smtp_user": ""}, status=True)
            self.assertEqual(status, 200, body)
            self.assertEqual(smtp_settings()["smtp_user"], "")
        finally:
            if api_server:
                api_server.terminate()
                api_server.wait(timeout=20)
            rogue_server.stop()
            for key in stored:
                org("set", key, "")

        # Any other value: serve does not start and notify sends nothing, both saying why.
        wrong = {"SALESCOACH_SMTP_ORG_SERVERS": "no"}
        run = subprocess.run([BIN, "--db", self.db, "--lang", "en", "serve", "--listen",
                              f"127.0.0.1:{free_port()}"],
                             env=dict(os.environ, **wrong), capture_output=True, text=True,
                             timeout=20)
        self.assertEqual(run.returncode, 2)
        self.assertIn("SALESCOACH_SMTP_ORG_SERVERS must be allow or deny, not 'no'", run.stderr)
        before = len(self.inbox.messages)
        run = self.notify("2026-12-17T05:00:00Z", extra=wrong)
        self.assertEqual(run.returncode, 2)
        self.assertIn("SALESCOACH_SMTP_ORG_SERVERS moet allow of deny zijn, niet 'no'",
                      run.stderr)
        self.assertEqual(self.received(before), [])
        run = org("set", "smtp_url", "smtp://mail.example.com:587", extra=wrong)
        self.assertEqual(run.returncode, 2)
        self.assertIn("SALESCOACH_SMTP_ORG_SERVERS moet allow of deny zijn", run.stderr)
        run = org("show", extra=wrong)  # not shown as if it were deny
        self.assertEqual(run.returncode, 2)
        self.assertIn("SALESCOACH_SMTP_ORG_SERVERS moet allow of deny zijn", run.stderr)
        self.assertNotIn("van de beheerder", run.stdout)
        self.assertEqual(smtp_settings()["smtp_url"], "")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
