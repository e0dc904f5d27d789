#!/usr/bin/env python3
"""Helpers of bench/import-benchmark: generating the contacts files and reading the measurements.

Standard library only. Subcommands:
  generate ROWS SEED_FILE MIXED_FILE [PREFIX]  seed file of ROWS/2 contacts, mixed file of ROWS rows (half
                                          updates); PREFIX starts every e-mail address (other contacts)
  job FIELD                               reads an importJob GraphQL answer on stdin, prints one field
  seconds ISO_A ISO_B                     ISO_B - ISO_A in seconds
  upload URL TOKEN OPERATIONS MAP FILE ANSWER_FILE
                                          posts FILE as part "0" of a GraphQL multipart request, like curl -F
                                          but timing itself: prints the moment it started sending (UTC), seconds
                                          from it to connected, to the last byte sent and to the whole answer,
                                          and the first answer byte after the last sent
  jstat-peak JSTAT_FILE                   peak used heap (S0U+S1U+EU+OU) in MiB from `jstat -gc` output
  gclog-peak GC_LOG FROM_LINE TO_LINE     peak heap after GC in MiB from `-Xlog:gc` lines in a range (- if none)
  rss-peak RSS_FILE                       peak VmRSS in MiB from `grep VmRSS /proc/PID/status` samples
  psql-times PSQL_OUT                     the `\\timing` figures of a psql run, in seconds, one per line
  jfr-top JFR_PRINT_FILE N                top frames and top Intake/driver frames from `jfr print` samples
"""
import http.client
import os
import random
import re
import socket
import sys
import time
import urllib.parse
from datetime import datetime, timezone

FIRST = ["maria", "john", "ana", "peter", "li", "fatima", "olga", "james", "sofia", "ahmed", "emma", "lucas",
         "yuki", "noah", "chloe", "ivan", "lena", "omar", "paula", "tomas"]
LAST = ["garcia", "smith", "lima", "mueller", "wang", "khan", "novak", "brown", "rossi", "haddad", "martin",
        "silva", "tanaka", "jones", "dubois", "petrov", "meyer", "ali", "costa", "berg"]
TITLES = ["Sales Manager", "Engineer", "Buyer", "CFO", "Account Executive", "Office Manager", "Consultant",
          "Head of IT", "Analyst", "Director"]
CITIES = [("Lisbon", "Portugal"), ("Berlin", "Germany"), ("Madrid", "Spain"), ("Paris", "France"),
          ("Rome", "Italy"), ("Vienna", "Austria"), ("Oslo", "Norway"), ("Porto", "Portugal"),
          ("Lyon", "France"), ("Hamburg", "Germany")]
HEADER = "email,first_name,last_name,phone,job_title,city,country,notes\n"


def email(i, prefix=""):
    # first.last.N@domain: the key order differs from the file order, as with real addresses
    return f"{prefix}{FIRST[(i * 7) % 20]}.{LAST[(i * 13) % 20]}.{i}@example-{i % 97}.com"


def row(i, version, rnd, prefix=""):
    city, country = CITIES[rnd.randrange(10)]
    first = FIRST[(i * 7) % 20].capitalize()
    last = LAST[(i * 13) % 20].capitalize()
    return (f"{email(i, prefix)},{first},{last},+351 21 {rnd.randrange(1000000, 9999999)},"
            f"{TITLES[rnd.randrange(10)]},{city},{country},v{version} customer since {2000 + i % 25}\n")


def generate(rows, seed_path, mixed_path, prefix=""):
    half = rows // 2
    rnd = random.Random(42)
    with open(seed_path, "w", newline="") as seed:
        seed.write(HEADER)
        for i in range(half):
            seed.write(row(i, 1, rnd, prefix))
    # rows alternate: an update of seeded contact k, then new contact half + k
    with open(mixed_path, "w", newline="") as mixed:
        mixed.write(HEADER)
        for k in range(rows - half):
            if k < half:
                mixed.write(row(k, 2, rnd, prefix))
            mixed.write(row(half + k, 2, rnd, prefix))


def job_field(field):
    import json
    answer = json.load(sys.stdin)
    if answer.get("errors"):
        raise SystemExit("GraphQL error: " + json.dumps(answer["errors"]))
    data = answer["data"]
    job = data.get("importJob") or data.get("importEntities")
    value = job.get(field) if job else None
    print("" if value is None else value)


def iso(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def upload(url, token, operations, mapping, path, answer_path):
    """The multipart POST of an ERP, timed on this side of the socket; the file goes out with sendfile, so the
    client costs next to nothing once it runs. Nothing traces the client: a tracer stops it at every system call,
    which made curl's 108 MB upload about 0.15 s slower. Prints the moment the upload started (UTC, ISO 8601:
    python's own start, about 0.1 s, comes before it and is not the server's time), then seconds from it to
    connected, to the last byte sent and to the whole answer, and the first answer byte after the last sent.
    Exits 1 on an answer that is not HTTP 200, or with a message when there is none."""
    target = urllib.parse.urlsplit(url)
    try:
        length = os.path.getsize(path)
    except OSError as e:
        raise SystemExit(f"upload: cannot read {path}: {e.strerror}")
    boundary = "intake-bench-" + os.urandom(12).hex()
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{mapping}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"0\"; "
            f"filename=\"{os.path.basename(path)}\"\r\nContent-Type: text/csv\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length += len(head) + len(tail)
    request = (f"POST {target.path or '/'} HTTP/1.1\r\nHost: {target.netloc}\r\nAuthorization: Bearer {token}\r\n"
               f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n"
               f"Connection: close\r\n\r\n").encode()
    started_at = datetime.now(timezone.utc)
    start = time.monotonic()
    try:
        with socket.create_connection((target.hostname, target.port or 80)) as sock:
            connected = time.monotonic()
            sock.sendall(request + head)
            with open(path, "rb") as content:
                sock.sendfile(content)
            sock.sendall(tail)
            sent = time.monotonic()
            sock.recv(1, socket.MSG_PEEK)
            first_byte = time.monotonic()
            answer = http.client.HTTPResponse(sock)
            answer.begin()
            body = answer.read()
            done = time.monotonic()
    except (OSError, http.client.HTTPException) as e:
        raise SystemExit(f"upload: no answer from {url}: {e!r}")
    with open(answer_path, "wb") as f:
        f.write(body)
    print(f"{started_at.strftime('%Y-%m-%dT%H:%M:%S.%fZ')} {connected - start:.6f} {sent - start:.6f} "
          f"{done - start:.6f} {first_byte - sent:.3f}")
    if answer.status != 200:
        sys.stderr.write(f"HTTP {answer.status}: {body[:500].decode(errors='replace')}\n")
        raise SystemExit(1)


def jstat_peak(path):
    header = None
    peak = 0.0
    for line in open(path):
        cols = line.split()
        if not cols:
            continue
        if "EU" in cols:
            header = cols
            continue
        if header is None or len(cols) != len(header):
            continue
        get = dict(zip(header, cols))
        try:  # only these columns: a collector without concurrent cycles (Parallel) prints "-" in CGC and CGCT
            used = sum(float(get[name]) for name in ("S0U", "S1U", "EU", "OU"))
        except ValueError:
            continue
        peak = max(peak, used)
    print(f"{peak / 1024:.0f}")


def gclog_peak(path, start, end):
    """Prints the peak, or "-" when no collection ran in the range (0 would read as an empty heap)."""
    peak = None
    with open(path) as log:
        for number, line in enumerate(log, 1):
            if number <= start or number > end:
                continue
            m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
            if m and "Pause" in line:
                peak = max(peak or 0.0, float(m.group(2)))
    print("-" if peak is None else f"{peak:.0f}")


def rss_peak(path):
    peak = 0
    for line in open(path):
        m = re.search(r"VmRSS:\s+(\d+)\s+kB", line)
        if m:
            peak = max(peak, int(m.group(1)))
    print(f"{peak / 1024:.0f}")


def psql_times(path):
    for line in open(path):
        m = re.match(r"Time: ([\d.]+) ms", line)
        if m:
            print(f"{float(m.group(1)) / 1000:.3f}")


def jfr_top(path, n):
    """Aggregates `jfr print --stack-depth 64 --events jdk.ExecutionSample` output: on-CPU samples of the import
    thread, by leaf frame and by project frame anywhere on the stack (inclusive)."""
    from collections import Counter
    stacks = []
    frames = None
    thread = ""
    in_stack = False
    for line in open(path):
        stripped = line.strip()
        if stripped.startswith(("jdk.ExecutionSample", "jdk.NativeMethodSample")):
            if frames is not None:
                stacks.append((thread, frames))
            frames, thread, in_stack = [], "", False
        elif stripped.startswith("sampledThread"):
            thread = stripped
        elif stripped.startswith("stackTrace = ["):
            in_stack = True
        elif stripped == "]":
            in_stack = False
        elif in_stack and frames is not None and stripped and stripped != "...":
            frames.append(re.sub(r"\s+line:.*$", "", stripped))
    if frames is not None:
        stacks.append((thread, frames))
    imports = [f for t, f in stacks if "managedThreadFactory" in t]
    total = max(len(imports), 1)
    print(f"{len(stacks)} samples, {len(imports)} on the import thread (managed executor); percentages of the latter")
    print("-- leaf frames --")
    for frame, count in Counter(f[0] for f in imports if f).most_common(n):
        print(f"{100.0 * count / total:5.1f}%  {frame}")
    print("-- dev.intake / org.postgresql / jakarta.json frames anywhere on the stack (inclusive) --")
    inclusive = Counter()
    for f in imports:
        for frame in set(f):
            if frame.startswith(("dev.intake.", "org.postgresql.", "jakarta.json.")):
                inclusive[frame] += 1
    for frame, count in inclusive.most_common(n):
        print(f"{100.0 * count / total:5.1f}%  {frame}")


def record_rows(path, rows_file):
    """Inserts the result rows at the end of the table under '## Results', before any later section."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open(rows_file, encoding="utf-8") as f:
        rows = [line for line in f.read().split("\n") if line]
    start = lines.index("## Results")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    last_row = max(i for i in range(start, end) if lines[i].startswith("|"))
    lines[last_row + 1:last_row + 1] = rows
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main(argv):
    command = argv[1]
    if command == "generate":
        generate(int(argv[2]), argv[3], argv[4], argv[5] if len(argv) > 5 else "")
    elif command == "job":
        job_field(argv[2])
    elif command == "seconds":
        print(f"{(iso(argv[3]) - iso(argv[2])).total_seconds():.3f}")
    elif command == "upload":
        if len(argv) != 8:
            raise SystemExit("upload takes URL TOKEN OPERATIONS MAP FILE ANSWER_FILE")
        upload(*argv[2:8])
    elif command == "jstat-peak":
        jstat_peak(argv[2])
    elif command == "gclog-peak":
        gclog_peak(argv[2], int(argv[3]), int(argv[4]))
    elif command == "rss-peak":
        rss_peak(argv[2])
    elif command == "psql-times":
        psql_times(argv[2])
    elif command == "record":
        record_rows(argv[2], argv[3])
    elif command == "jfr-top":
        jfr_top(argv[2], int(argv[3]))
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
