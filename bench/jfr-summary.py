"""Summarises `jfr print --events jdk.ExecutionSample --stack-depth 64` (stdin) as Markdown: samples by
thread, the hottest top frames, the hottest Strait frames counted inclusively (a sample counts for
every dev.strait method on its stack) and by innermost Strait frame, so the gateway's own share is
visible beside Netty's and the JDK's."""
import collections
import re
import sys

samples = []
thread, frames, in_stack = None, [], False
for line in sys.stdin:
    line = line.rstrip()
    if line.startswith("jdk.ExecutionSample"):
        if thread is not None:
            samples.append((thread, frames))
        thread, frames, in_stack = "?", [], False
    elif line.strip().startswith("sampledThread = "):
        m = re.search(r'"([^"]*)"', line)
        thread = re.sub(r"-\d+$", "-N", m.group(1)) if m else "?"
    elif line.strip().startswith("stackTrace = ["):
        in_stack = True
    elif in_stack and line.strip() == "]":
        in_stack = False
    elif in_stack and line.strip() and not line.strip().startswith("..."):
        frames.append(re.sub(r"\s+line:.*$", "", line.strip()))
if thread is not None:
    samples.append((thread, frames))

total = len(samples) or 1
def table(title, counter, n=15):
    print(f"| {title} | samples | share |\n|---|---:|---:|")
    for name, count in counter.most_common(n):
        print(f"| `{name}` | {count} | {100.0 * count / total:.1f}% |")
    print()

print(f"{len(samples)} execution samples.\n")
table("thread", collections.Counter(t for t, _ in samples), 8)
table("top frame (self time)", collections.Counter(f[0] for _, f in samples if f), 15)
inclusive = collections.Counter()
for _, f in samples:
    for name in {x for x in f if x.startswith("dev.strait.")}:
        inclusive[name] += 1
table("Strait method on the stack (inclusive)", inclusive, 20)
# The innermost Strait frame of each sample: library and JDK time charged to the Strait code that called it.
innermost = collections.Counter(next((x for x in f if x.startswith("dev.strait.")), "(no Strait frame: Netty/Vert.x I/O, JDK)")
                                for _, f in samples)
table("innermost Strait frame (library time charged to its Strait caller)", innermost, 20)
