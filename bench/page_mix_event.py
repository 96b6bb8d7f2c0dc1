"""bench/page_mix_event.py PORT DB ask|publish: the writes of
bench/page_mix.sh, through the site's own forms (tests/e2e/askflow.py's
Browser).

ask: a patient asks a question (before the measured run); prints its id.
publish: the doctor publishes a reply to the waiting question, and the
patient comments on the most popular Q&A (the first line of the paths
file given as a fourth argument). Prints what it did and how long each
took."""
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
import askflow  # noqa: E402

DOCTOR = ("mix-doctor@example.org", "doctor pass 12")
PATIENT = ("mix-patient@example.org", "patient pass 12")


class Quiet:
    def check_html(self, html, what):
        pass


class Server:
    def __init__(self, port):
        self.port = port
        self.t = Quiet()


def main():
    port, db, what = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    s = Server(port)
    if what == "ask":
        b = askflow.Browser(s)
        b.login(*PATIENT)
        dept = sqlite3.connect(db).execute(
            "SELECT id FROM departments WHERE name = 'Oncology'").fetchone()[0]
        r = b.post("/ask", {"csrf": b.csrf("/ask"),
                            "title": "Does interferon lower liver cancer recurrence?",
                            "text": "My mother had surgery for liver cancer. Would interferon "
                                    "after surgery lower the chance that it comes back?",
                            "department": str(dept), "consent": "yes"})
        if r.status != 303:
            sys.exit("ask failed: %d" % r.status)
        print(sqlite3.connect(db).execute("SELECT max(id) FROM questions").fetchone()[0])
        return
    qid = int(sys.argv[4])
    top = open(sys.argv[5]).readline().strip()
    t0 = time.time()
    doc = askflow.login(s, *DOCTOR)
    path = "/doctor/question/%d" % qid
    r = doc.post(path, {"csrf": doc.csrf(path), "body": "Interferon can lower the "
                        "recurrence of small tumours; ask your doctor.", "action": "publish"})
    print("reply published: %d in %.3f s" % (r.status, time.time() - t0))
    t0 = time.time()
    pat = askflow.login(s, *PATIENT)
    r = pat.post(top + "/comments", {"csrf": pat.csrf(top), "body": "Thank you, this helped."})
    print("comment on %s: %d in %.3f s" % (top, r.status, time.time() - t0))


if __name__ == "__main__":
    main()
