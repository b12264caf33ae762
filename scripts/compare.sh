#!/usr/bin/env bash
# Times peercoach against the baselines in ../shared/bench (see docs/PERFORMANCE.md).
#
#   bash scripts/compare.sh              1,000,000 replies (the issue's workload)
#   LINES=100000 bash scripts/compare.sh a smaller run
#   PEERCOACH=/path/to/peercoach bash scripts/compare.sh    time another build (no build step)
#
# In one run: `peercoach analyze --json` (release) vs the Python grader vs `grep -c -i -F -f phrases`,
# with ratios; `peercoach list` start-up time and peak RSS; `peercoach check` over 1,000 generated
# scenario files. Uses hyperfine when installed (apt-get install hyperfine), else bash's `time`;
# peak RSS needs GNU time (apt-get install time).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "$repo/.." && pwd)/shared"
bench="$shared/bench"
for f in make-corpus.py naive-grader.py phrases.tsv; do
    if [[ ! -f "$bench/$f" ]]; then
        echo "compare.sh: error: $bench/$f not found; this script needs the shared/ folder beside the repository ($shared)" >&2
        exit 2
    fi
done
lines="${LINES:-1000000}"

if [[ -z "${PEERCOACH:-}" ]]; then
    echo "== building peercoach (release, --static-swift-stdlib, --scratch-path .build-bench)"
    (cd "$repo" && swift build -c release --static-swift-stdlib --scratch-path .build-bench 2>&1 | tail -1)
    PEERCOACH="$repo/.build-bench/release/peercoach"
fi
pc="$PEERCOACH"
dialogs="$repo/Dialogs"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/peercoach-compare.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "== corpus: $lines replies"
python3 "$bench/make-corpus.py" "$lines" > "$tmp/corpus.txt"
grep -v '^#' "$bench/phrases.tsv" | cut -f2 | grep -v '^$' > "$tmp/phrases.txt"
printf '   %s bytes; %s phrases for grep\n' "$(wc -c < "$tmp/corpus.txt")" "$(wc -l < "$tmp/phrases.txt")"

have_hyperfine=0
command -v hyperfine >/dev/null && have_hyperfine=1

# seconds NAME COMMAND: prints the mean wall time of COMMAND (run through bash) and records it.
declare -A secs
seconds() {
    local name="$1" cmd="$2" runs="${3:-3}"
    if (( have_hyperfine )); then
        hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$tmp/$name.json" "$cmd" >&2
        secs[$name]="$(python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$tmp/$name.json")"
    else
        local t0 t1
        t0="$(date +%s.%N)"; bash -c "$cmd"; t1="$(date +%s.%N)"
        secs[$name]="$(python3 -c "print('%.4f' % ($t1 - $t0))")"
    fi
    printf '   %-10s %8.3f s\n' "$name" "${secs[$name]}"
}

echo "== throughput over $lines replies (output to a file)"
seconds analyze "'$pc' analyze --json --dialogs '$dialogs' < '$tmp/corpus.txt' > '$tmp/analyze.jsonl'"
seconds grep "grep -c -i -F -f '$tmp/phrases.txt' '$tmp/corpus.txt' > '$tmp/grep.txt'"
seconds python "python3 '$bench/naive-grader.py' < '$tmp/corpus.txt' > '$tmp/python.jsonl'" 1
python3 - "${secs[analyze]}" "${secs[grep]}" "${secs[python]}" <<'EOF'
import sys
a, g, p = map(float, sys.argv[1:])
print(f"   python / analyze = {p / a:8.1f}x   (target >= 150x)")
print(f"   analyze / grep   = {a / g:8.2f}x   (target <= 2x)")
EOF

if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M' -o "$tmp/rss" "$pc" analyze --json --dialogs "$dialogs" < "$tmp/corpus.txt" > /dev/null
    echo "   analyze peak RSS: $(( $(cat "$tmp/rss") / 1024 )) MB"
fi

echo "== peercoach list (start-up)"
seconds list "'$pc' list --dialogs '$dialogs' > /dev/null" 30
if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v "$pc" list --dialogs "$dialogs" > /dev/null 2> "$tmp/list-time"
    rss="$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/list-time")"
    echo "   list peak RSS: $(( rss / 1024 )) MB ($rss KB)   (target < 25 MB)"
else
    echo "   (install GNU time for peak RSS: apt-get install time)"
fi

echo "== peercoach check over 1,000 scenario files"
gen="$tmp/Dialogs"
mkdir -p "$gen/scenarios"
cp "$dialogs/concepts.yaml" "$gen/"
[[ -f "$dialogs/quiz.yaml" ]] && cp "$dialogs/quiz.yaml" "$gen/"
template="$dialogs/scenarios/first-meeting.yaml"
[[ -f "$template" ]] || template="$(ls "$dialogs"/scenarios/*.yaml | head -1)"
template_id="$(sed -n 's/^id: *//p' "$template" | head -1)"
for i in $(seq -w 1 1000); do
    sed "s/^id: *$template_id\$/id: generated-$i/" "$template" > "$gen/scenarios/generated-$i.yaml"
done
"$pc" check "$gen" > "$tmp/check.out" 2>&1 || { echo "   check failed:"; tail -5 "$tmp/check.out"; }
seconds check "'$pc' check '$gen' > /dev/null 2>&1" 3
