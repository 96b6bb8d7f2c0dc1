"""`askdoc moreinfo`: the command-line contract (one JSON line per
question), the verbatim and citation invariants on a database filled by
`askdoc import`, and the language-model path against a fake chat
completions endpoint started here on loopback (well-formed, failing, slow).

The library entries below were written for this test."""
import http.server
import json
import re
import threading
import time

GOUT_URL = "https://joints.example.org/gout"

LIBRARY = [
    {"external_id": "GOUT_1", "kind": "faq", "title": "What is (are) Gout ?",
     "question": "What is (are) Gout ?", "question_type": "information",
     "topics": ["Gout", "Gouty arthritis"],
     "answers": [{"author": "Joint Institute", "body":
                  "Gout is a common and painful form of arthritis that usually "
                  "starts in the big toe. It happens when uric acid builds up in "
                  "the blood and forms sharp crystals in a joint. An attack "
                  "often begins suddenly at night, and the joint becomes hot, "
                  "red, swollen and very tender. Attacks can last a few days or "
                  "several weeks, and many people go months or years between "
                  "them. Being overweight, drinking alcohol and eating a lot of "
                  "meat or seafood make gout more likely. Some medicines, such "
                  "as water pills, also raise the level of uric acid."}],
     "source": {"name": "Joint Institute", "url": GOUT_URL}, "language": "en"},
    {"external_id": "GOUT_2", "kind": "faq",
     "title": "What are the treatments for Gout ?",
     "question": "What are the treatments for Gout ?", "question_type": "treatment",
     "topics": ["Gout", "Gouty arthritis"],
     "answers": [{"author": "Joint Institute", "body":
                  "Gout attacks are treated with medicines that calm the "
                  "swelling and pain, such as anti-inflammatory tablets or "
                  "steroids. Treatment works best when it is started within a "
                  "day of the first symptoms. People who have frequent attacks "
                  "may take a daily medicine that lowers uric acid, which "
                  "prevents new crystals from forming. Drinking plenty of water "
                  "and cutting down on alcohol and sugary drinks also help. "
                  "Your doctor may check your blood from time to time to see "
                  "whether the uric acid level has come down."}],
     "source": {"name": "Joint Institute", "url": GOUT_URL + "/treatment"},
     "language": "en"},
    {"external_id": "GOUT_3", "kind": "faq",
     "title": "What are the complications of Gout ?",
     "question": "What are the complications of Gout ?",
     "question_type": "complications", "topics": ["Gout"],
     "answers": [{"author": "Joint Institute", "body":
                  "Without treatment, repeated attacks of gout can damage the "
                  "joint for good. Lumps of crystals, called tophi, can form "
                  "under the skin of the fingers, elbows and ears. Uric acid "
                  "crystals can also collect in the kidneys and cause kidney "
                  "stones. Call your doctor right away if a joint is hot and "
                  "painful and you also have a fever, because an infected "
                  "joint needs urgent care."}],
     "source": {"name": "Joint Institute"}, "language": "en"},
    {"external_id": "ECZ_1", "kind": "faq", "title": "What is (are) Eczema ?",
     "question": "What is (are) Eczema ?", "question_type": "information",
     "topics": ["Eczema"],
     "answers": [{"author": "Skin Institute", "body":
                  "Eczema is a condition that makes the skin dry, itchy and "
                  "inflamed. It often starts in childhood and comes and goes."}],
     "source": {"name": "Skin Institute", "url": "https://skin.example.org/e"},
     "language": "en"},
]

QUESTIONS = [
    "Gout. My big toe is red and swollen and the doctor says it is gout. What "
    "is gout, how is it treated and what are the complications?",
    "How do I replace the chain of my bicycle?",
    "Gout treatment\tWhat medicines treat a gout attack?\tTake the "
    "anti-inflammatory tablets and drink water; see me if you get a fever.",
]


def squeeze(s):
    return " ".join(s.split())


def bodies():
    return {r["external_id"]: squeeze(" ".join(a["body"] for a in r["answers"]))
            for r in LIBRARY}


def sentences(text):
    """Split a More Info text into (sentence, [citation numbers])."""
    out = []
    for m in re.finditer(r"(.+?)((?: ?\[\d+\])+)(?= |$)", text):
        out.append((m.group(1).strip(), [int(n) for n in re.findall(r"\d+", m.group(2))]))
    return out


def db(t):
    return t.new_db("moreinfo.db", lines=LIBRARY)


def check_answer(t, line, what):
    o = json.loads(line)
    t.ok(isinstance(o.get("text"), str), what + ": text is a string")
    t.ok(isinstance(o.get("sources"), list), what + ": sources is a list")
    for s in o["sources"]:
        for k in ("external_id", "title", "url"):
            t.ok(k in s, "%s: source has %s" % (what, k))
    return o


def test_json_lines_contract(t):
    d = db(t)
    p = t.run("moreinfo", "--db", d, "--json", "-", stdin="\n".join(QUESTIONS) + "\n")
    t.eq(p.returncode, 0, "exit code: " + p.stderr)
    lines = p.stdout.splitlines()
    t.eq(len(lines), len(QUESTIONS), "one line per question")
    if len(lines) != len(QUESTIONS):
        return
    text = bodies()
    for i, line in enumerate(lines):
        o = check_answer(t, line, "question %d" % i)
        if i == 1:
            t.eq(o["text"], "", "nothing close: empty text")
            t.eq(o["sources"], [], "nothing close: no sources")
            continue
        t.ok(o["sources"], "question %d has sources" % i)
        ids = [s["external_id"] for s in o["sources"]]
        t.ok("ECZ_1" not in ids, "the eczema entry is not cited")
        words = len(re.sub(r"\[\d+\]", "", o["text"]).split())
        if i == 0:
            t.ok(120 <= words <= 400, "120-400 words, got %d" % words)
        parts = sentences(o["text"])
        t.ok(parts, "question %d: sentences with citations" % i)
        cited = set()
        for sent, nums in parts:
            for n in nums:
                t.ok(1 <= n <= len(ids), "citation [%d] is listed" % n)
                cited.add(n)
            src = ids[nums[0] - 1] if nums and nums[0] <= len(ids) else None
            t.ok(src is not None and sent in text.get(src, ""),
                 "verbatim in its source: %r" % sent)
        t.eq(cited, set(range(1, len(ids) + 1)), "every source is cited")
        # numbered in order of first citation
        first = []
        for _, nums in parts:
            for n in nums:
                if n not in first:
                    first.append(n)
        t.eq(first, sorted(first), "sources numbered in order of first citation")
        urls = {s["external_id"]: s["url"] for s in o["sources"]}
        if "GOUT_1" in urls:
            t.eq(urls["GOUT_1"], GOUT_URL, "the source URL is the record's")
        if "GOUT_3" in urls:
            t.eq(urls["GOUT_3"], None, "no URL gives null")
        for s in o["sources"]:
            t.ok(s["link"].startswith("/library/"), "link to the library page")


def test_argument_and_usage(t):
    d = db(t)
    p = t.run("moreinfo", "--db", d, "What", "is", "gout", "and", "how", "is",
              "gout", "treated?")
    t.eq(p.returncode, 0, "exit code")
    t.has(p.stdout, "Sources:\n[1] ", "plain text lists the sources")
    p = t.run("moreinfo", "--db", d, "--json", "bicycle chains")
    t.eq(p.returncode, 0, "exit code, nothing found")
    t.eq(json.loads(p.stdout)["sources"], [], "nothing found: no sources")
    for args in (["moreinfo", "--db", d], ["moreinfo", "--db", d, "--llm-url",
                                           "http://127.0.0.1:9", "gout"],
                 ["moreinfo", "--nosuch", "x"]):
        p = t.run(*args)
        t.eq(p.returncode, 2, "usage error for %s" % args[3:])
        t.eq(len(p.stderr.strip().splitlines()), 1, "one error line")
    p = t.run("moreinfo", "--db", t.path("missing.db"), "gout")
    t.eq(p.returncode, 1, "a missing database fails")
    p = t.run("moreinfo", "--help")
    t.has(p.stdout, "--llm-timeout", "help lists --llm-timeout")


class FakeLLM(http.server.BaseHTTPRequestHandler):
    """Answers chat completions by quoting the passages it was sent, with
    their markers (a rewrite the checks accept), or fails as told."""
    mode = "ok"
    requests = []

    def log_message(self, *a):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n))
        FakeLLM.requests.append((self.path, req))
        if FakeLLM.mode == "fail":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"{}")
            return
        if FakeLLM.mode == "slow":
            time.sleep(3)
        user = req["messages"][-1]["content"]
        parts = []
        for m in re.finditer(r"^\[(\d+)\] (.*)$", user, re.M):
            for s in re.split(r"(?<=\.) ", m.group(2)):
                parts.append("%s [%s]" % (s, m.group(1)))
        if FakeLLM.mode == "invent":
            parts.append("Nine out of 10 people recover in 3 days [1].")
        body = json.dumps({"choices": [{"message": {"role": "assistant",
                                                    "content": " ".join(parts)}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body.encode())
        except OSError:
            pass


def test_language_model_path(t):
    d = db(t)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    url = "http://127.0.0.1:%d" % srv.server_address[1]
    q = QUESTIONS[0] + "\n"
    try:
        plain = json.loads(t.run("moreinfo", "--db", d, "--json", "-", stdin=q).stdout)
        t.eq(plain["machine_assisted"], False, "the extract is not machine-assisted")
        for mode, used in (("ok", True), ("fail", False), ("invent", False),
                           ("slow", False)):
            FakeLLM.mode = mode
            start = time.time()
            p = t.run("moreinfo", "--db", d, "--json", "--llm-url", url,
                      "--llm-model", "fake-1", "--llm-timeout", "1", "-", stdin=q)
            took = time.time() - start
            t.eq(p.returncode, 0, mode + ": exit code")
            o = json.loads(p.stdout)
            t.eq(o["machine_assisted"], used, mode + ": machine_assisted")
            if used:
                t.ok(o["text"] and o["sources"], "ok: a cited draft")
                path, req = FakeLLM.requests[-1]
                t.eq(path, "/v1/chat/completions", "the endpoint path")
                t.eq(req["model"], "fake-1", "the model is sent")
            else:
                t.eq(o["text"], plain["text"], mode + ": falls back to the extract")
                t.eq(o["sources"], plain["sources"], mode + ": the extract's sources")
            if mode == "slow":
                t.ok(took < 3, "slow: gave up after the timeout (%.1f s)" % took)
    finally:
        srv.shutdown()
        srv.server_close()
