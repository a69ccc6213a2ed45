"""Write load for the drills: concurrent sign-ups, vacancies, applications, PKWT registrations and
approvals against one portal, each write that got a 2xx recorded with its unique key.

`Load(base, accounts, niks, acks).run(stop)` runs until `stop` is set; threads end by themselves when the
server stops answering. `acks` is a thread-safe list of dicts: kind + key. `timeline` holds every write's
outcome as (monotonic time, kind, status); 0 = no answer (the worker ended there).
"""
import random
import threading
import time
from datetime import timedelta

from portal import Down, Portal, json_or_none, wib_today

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
VACANCY = [
    ("form[occupation_code]", "83"),
    (
        "form[description]",
        "Mengoperasikan forklift di gudang bahan baku, memuat dan membongkar palet, mencatat stok harian.",
    ),
    ("form[education_level]", "SMA"),
    ("form[skills]", "forklift, las listrik"),
    ("form[experience_years]", "1"),
    ("form[headcount]", "3"),
    ("form[wage_min]", "5.300.000"),
    ("form[wage_max]", "6.000.000"),
    ("form[district_code]", "36.03.01"),
    ("form[work_time]", "full_time"),
    ("form[shift]", "rotating"),
    ("form[contract_type]", "contract"),
]


def contract_form(nik, birth, sex):
    today = wib_today()
    day = lambda n: (today + timedelta(days=n)).isoformat()  # noqa: E731
    return [
        ("worker_id", nik),
        ("worker_name", "Pekerja Uji Drill"),
        ("worker_sex", sex),
        ("worker_birth_date", birth),
        ("worker_address", "Jl. Raya Serang Km 12, Cikupa"),
        ("position", "Operator produksi"),
        ("workplace", "Pabrik Cikupa"),
        ("wage", "5.600.000"),
        ("wage_with_allowances", "on"),
        ("contract_kind", "period"),
        ("start_date", day(2)),
        ("end_date", day(185)),
        ("signed_place", "Tangerang"),
        ("signed_date", day(0)),
        ("link_kind", "new"),
    ]


class Load:
    def __init__(self, base, accounts, niks, acks, errors):
        """`accounts`: role -> list of (email, password) ("admin", "company", "seeker")."""
        self.base, self.accounts, self.niks = base, accounts, niks
        self.acks, self.errors, self.lock = acks, errors, threading.Lock()
        self.vacancies, self.waiting_contracts = [], []
        self.applied = set()
        self.timeline = []

    def ack(self, **record):
        with self.lock:
            self.acks.append(record)
            self.timeline.append((time.monotonic(), record["kind"], 200))

    def refused(self, kind, status, body):
        """A 4xx/5xx answer that is not an acknowledgement; counted by status for the report."""
        with self.lock:
            self.timeline.append((time.monotonic(), kind, status))
            key = f"{kind} {status}"
            self.errors[key] = self.errors.get(key, 0) + 1
            if status >= 500 and f"{key} sample" not in self.errors:
                self.errors[f"{key} sample"] = body[:300]

    def client(self, role, index=0):
        email, password = self.accounts[role][index]
        portal = Portal(self.base, ip=f"10.77.{random.randrange(256)}.{random.randrange(1, 255)}")
        portal.sign_in(email, password)
        return portal

    def run(self, stop):
        workers = [self.sign_ups, self.sign_ups, self.post_vacancies, self.register_contracts,
                   self.approve_contracts]
        workers += [lambda s, i=i: self.apply(s, i) for i in range(len(self.accounts["seeker"]))]
        threads = [threading.Thread(target=self.guard, args=(w, stop), daemon=True) for w in workers]
        for t in threads:
            t.start()
        return threads

    def guard(self, worker, stop):
        try:
            worker(stop)
        except Down:  # the server went away (killed): this worker's cycle is over
            with self.lock:
                self.timeline.append((time.monotonic(), getattr(worker, "__name__", "worker"), 0))
        except RuntimeError as error:  # sign-in refused while the server came up: reported
            with self.lock:
                self.errors[str(error)[:120]] = self.errors.get(str(error)[:120], 0) + 1

    def sign_ups(self, stop):
        while not stop.is_set():
            nik, birth, sex = self.niks.next()
            email = f"drill.{nik}.{random.getrandbits(24):x}@drill.test"
            portal = Portal(self.base, ip=f"10.88.{random.randrange(256)}.{random.randrange(1, 255)}")
            status, body = portal.post("sign_up_seeker", [
                ("form[nik]", nik), ("form[full_name]", "Pencaker Drill"),
                ("form[place_of_birth]", "Tangerang"), ("form[date_of_birth]", birth),
                ("form[sex]", sex), ("form[email]", email), ("form[phone]", "0812-3456-7890"),
                ("form[password]", "drill-sandi-panjang-1"), ("form[consent_matching]", "on"),
            ])
            if 200 <= status < 300:
                self.ack(kind="signup", key=email)
            else:
                self.refused("signup", status, body)

    def post_vacancies(self, stop):
        company, admin = self.client("company"), self.client("admin")
        deadline = (wib_today() + timedelta(days=30)).isoformat()
        n = 0
        while not stop.is_set():
            n += 1
            title = f"Operator Drill {random.getrandbits(32):08x}"
            status, body = company.post(
                "submit_vacancy", [("form[title]", title), ("form[deadline]", deadline)] + VACANCY
            )
            answer = json_or_none(body) if 200 <= status < 300 else None
            if not isinstance(answer, dict) or "id" not in answer:
                self.refused("vacancy", status, body)
                time.sleep(0.2)
                continue
            vacancy_id = answer["id"]
            self.ack(kind="vacancy", key=vacancy_id)
            if answer.get("status") != "published":
                s, b = admin.post("decide_vacancy", [("vacancy_id", vacancy_id), ("decision", "approve")])
                if not 200 <= s < 300:
                    self.refused("vacancy-approve", s, b)
                    continue
            with self.lock:
                self.vacancies.append(vacancy_id)
            time.sleep(0.3)

    def apply(self, stop, index):
        seeker = self.client("seeker", index)
        email = self.accounts["seeker"][index][0]
        while not stop.is_set():
            with self.lock:
                open_ = [v for v in self.vacancies if (email, v) not in self.applied]
                vacancy = open_[-1] if open_ else None
                if vacancy is not None:
                    self.applied.add((email, vacancy))
            if vacancy is None:
                time.sleep(0.05)
                continue
            status, body = seeker.post(
                "apply_to_vacancy", [("vacancy_id", vacancy), ("cover_note", "Drill kill -9")]
            )
            if 200 <= status < 300:
                self.ack(kind="apply", key=int(body.strip()), vacancy=vacancy, seeker=email)
            else:
                self.refused("apply", status, body)

    def register_contracts(self, stop):
        company = self.client("company")
        while not stop.is_set():
            nik, birth, sex = self.niks.next()
            status, body = company.post_multipart(
                "register_contract", contract_form(nik, birth, sex), [("document", "kontrak.pdf", PDF)]
            )
            if 200 <= status < 300:
                contract_id = int(body.strip())
                self.ack(kind="pkwt", key=contract_id)
                with self.lock:
                    self.waiting_contracts.append(contract_id)
            else:
                self.refused("pkwt", status, body)

    def approve_contracts(self, stop):
        admin = self.client("admin")
        while not stop.is_set():
            with self.lock:
                contract = self.waiting_contracts.pop(0) if self.waiting_contracts else None
            if contract is None:
                time.sleep(0.05)
                continue
            status, body = admin.post(
                "decide_contract", [("contract_id", contract), ("decision", "approve")]
            )
            number = json_or_none(body) if 200 <= status < 300 else None
            if isinstance(number, str):
                self.ack(kind="approve", key=contract, number=number)
            else:
                self.refused("pkwt-approve", status, body)
