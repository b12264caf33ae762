#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs them.
#
#   scripts/fuzz.sh                      build, then run every target for 60 s, one after another
#   scripts/fuzz.sh yaml-loader 600      run one target for 10 minutes
#   scripts/fuzz.sh build                only build
#   JOBS=2 scripts/fuzz.sh all 600       run targets two at a time
#
# Targets: yaml-loader, patterns, transcript, tagger. Seeds are in Fuzz/Corpus/<target>/ (kept in git);
# inputs the fuzzer finds go to Fuzz/.build/corpus/<target>/, crashes to Fuzz/.build/artifacts/<target>/,
# logs to Fuzz/.build/logs/<target>.log. Reproduce a crash with: Fuzz/.build/release/<Binary> <crash-file>.
# Every module, the library included, is built with -sanitize=fuzzer,address so libFuzzer sees coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL=(yaml-loader patterns transcript tagger)
binary() {
  case "$1" in
    yaml-loader) echo FuzzYAMLLoader ;;
    patterns) echo FuzzPatterns ;;
    transcript) echo FuzzTranscript ;;
    tagger) echo FuzzTagger ;;
    *) echo "unknown target '$1' (one of: ${ALL[*]})" >&2; exit 2 ;;
  esac
}

build() {
  local log status=0
  log="$(mktemp)"
  # SwiftPM reuses its build plan for the path dependency (this package) and misses a source file
  # added to PeerCoachKit since the last plan ("cannot find type ... in scope"): plan afresh.
  rm -f Fuzz/.build/*/release/description.json
  swift build --package-path Fuzz --scratch-path Fuzz/.build -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld \
    -Xcc -fsanitize=fuzzer-no-link,address >"$log" 2>&1 || status=$?
  grep -Ev '^\[[0-9]+/[0-9]+\] (Compiling|Write|Emitting)' "$log" || true
  rm -f "$log"
  # Never fuzz a stale binary: a failed build stops here.
  [ "$status" -eq 0 ] || { echo "fuzz.sh: build failed (exit $status)" >&2; exit 1; }
}

run() {
  local t="$1" seconds="$2" bin
  bin="Fuzz/.build/release/$(binary "$t")"
  mkdir -p "Fuzz/.build/corpus/$t" "Fuzz/.build/artifacts/$t" Fuzz/.build/logs
  echo "fuzz.sh: $t for ${seconds}s (log: Fuzz/.build/logs/$t.log)"
  local status=0
  ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$bin" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="Fuzz/.build/artifacts/$t/" \
    "Fuzz/.build/corpus/$t" "Fuzz/Corpus/$t" >"Fuzz/.build/logs/$t.log" 2>&1 || status=$?
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^==[0-9]+== ERROR|^SUMMARY|Fatal error|invariant broken' "Fuzz/.build/logs/$t.log" | sed "s/^/  $t: /" || true
  ls "Fuzz/.build/artifacts/$t" | sed "s|^|  $t: artifact Fuzz/.build/artifacts/$t/|" || true
  return $status
}

target="${1:-all}"
seconds="${2:-60}"
build
[ "$target" = build ] && exit 0
if [ "$target" = all ]; then
  jobs="${JOBS:-1}"
  failed=0
  for t in "${ALL[@]}"; do
    run "$t" "$seconds" &
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || failed=1; done
  done
  while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n || failed=1; done
  exit $failed
fi
binary "$target" >/dev/null
run "$target" "$seconds"
