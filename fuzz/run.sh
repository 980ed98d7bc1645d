#!/bin/sh
# make fuzz: builds the cargo-fuzz targets (fuzz/fuzz_targets) and runs each
# in turn for FUZZ_SECONDS (default 60) on its seed corpus, then prints per
# target the executions, executions per second and whether anything was
# found. Everything it writes goes under build/fuzz/: new corpus entries
# (build/fuzz/corpus/<target>, the committed seeds in fuzz/corpus are only
# read), crash/timeout/leak inputs (build/fuzz/artifacts/<target>/) and
# logs. FUZZ_TARGETS="a b" runs only those targets.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/fuzz
secs=${FUZZ_SECONDS:-60}
export PATH="$HOME/.cargo/bin:$PATH"
# cargo-fuzz passes nightly-only sanitizer flags; stable rustc accepts them so.
export RUSTC_BOOTSTRAP=1

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

cd "$root/fuzz"
targets=${FUZZ_TARGETS:-$(ls fuzz_targets | sed -n 's/\.rs$//p')}
cargo fuzz build --target-dir "$out/target"

mkdir -p "$out/logs"
summary=$out/summary.txt
: > "$summary"
found=0
for t in $targets; do
    mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
    log=$out/logs/$t.log
    start=$out/logs/$t.start
    : > "$start"
    echo "fuzzing $t for ${secs}s"
    # New inputs go to the first corpus directory (ours, under build/).
    if cargo fuzz run --target-dir "$out/target" "$t" "$out/corpus/$t" "corpus/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=8192 \
        -artifact_prefix="$out/artifacts/$t/" -print_final_stats=1 > "$log" 2>&1; then
        result="nothing found"
    else
        # This run's artifacts only.
        new=$(find "$out/artifacts/$t" -type f -newer "$start" | tr '\n' ' ')
        result="FOUND: ${new:-(no artifact)} (see $log)"
        found=1
    fi
    # cargo-fuzz makes fuzz/artifacts/<target> even when told to write
    # elsewhere: keep the work tree clean.
    rmdir "artifacts/$t" artifacts 2>/dev/null || true
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    printf '%-14s %10s execs %8s execs/s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$result" \
        | tee -a "$summary"
done
echo "summary in $summary"
exit $found
