#!/usr/bin/env bash
# Coverage-guided fuzzing of one target under AFL++ (docs/eds.md "Tests and fuzzing").
#
#   tests/Kz.MicroCredit.Identity.Fuzz/afl.sh <cms|xml|cert> <seconds>
#
# Installs what is missing (afl++ from apt, the SharpFuzz.CommandLine dotnet tool), publishes the fuzz project
# (Release), instruments Kz.MicroCredit.Identity.dll with sharpfuzz, exports the per-target seed corpus from
# tests/Kz.MicroCredit.Identity.Tests/TestData, runs afl-fuzz for <seconds> (-V) on `kzid-fuzz <target> --afl`, copies
# crashes and hangs to artifacts/fuzz-findings/afl-<target>/ (git-ignored), replays them and prints a summary.
#
# Environment (all optional):
#   KZID_AFL_WORK=/tmp/kzid-afl     publish dir, exported corpus and afl-fuzz output (afl-fuzz wants a local disk)
#   KZID_AFL_TIMEOUT_MS=5000        afl-fuzz -t (a shared 2-core machine needs generous values; replay confirms hangs)
#   KZID_AFL_STRICT=1               pass --strict: a programming-error exception swallowed by a fail-closed catch
#                                   inside the library is a crash too (0 to turn off)
#   KZID_AFL_INSTRUMENT_BC=0        1: also instrument BouncyCastle's ASN.1/CMS namespaces (off: see docs/eds.md)
#   KZID_AFL_MAX_SEED_BYTES=131072  seeds larger than this are not exported (afl-fuzz is slow on big inputs)
#   KZID_AFL_SKIP_PUBLISH=1         reuse an instrumented publish from a previous run of this script
#   KZID_AFL_RESUME=1               continue the previous run's queue in $KZID_AFL_WORK/out-<target> (afl-fuzz -i -)
#   KZID_AFL_EXTRA_SEEDS=<dir>      also seed with the files in <dir> (e.g. an earlier run's out-<target>/default/queue)
# Exit code: 0 no crash or hang saved, 1 findings saved, 2 usage or setup error.
set -euo pipefail

die() { echo "afl.sh: $*" >&2; exit 2; }

[[ $# -eq 2 ]] || die "usage: $0 <cms|xml|cert> <seconds>"
target=$1
seconds=$2
[[ $target =~ ^(cms|xml|cert)$ ]] || die "unknown target '$target' (cms, xml or cert)"
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "seconds must be a positive integer, got '$seconds'"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
[[ -f $repo/Kz.MicroCredit.Identity.sln ]] || die "cannot find the repo root from $here"
work=${KZID_AFL_WORK:-/tmp/kzid-afl}
timeout_ms=${KZID_AFL_TIMEOUT_MS:-5000}
strict=${KZID_AFL_STRICT:-1}
instrument_bc=${KZID_AFL_INSTRUMENT_BC:-0}
max_seed=${KZID_AFL_MAX_SEED_BYTES:-131072}
publish=$work/publish
plain=$work/publish-plain   # the same publish, not instrumented: replays and corpus export run here
corpus=$work/corpus
out=$work/out-$target
findings=$repo/artifacts/fuzz-findings/afl-$target
export PATH="$PATH:$HOME/.dotnet/tools"

# ---- tools ------------------------------------------------------------------------------------------------------
command -v dotnet >/dev/null || die "dotnet SDK not found"
if ! command -v afl-fuzz >/dev/null; then
    echo "== installing afl++ (apt)"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || { command -v sudo >/dev/null && sudo_cmd=(sudo); } || die "afl-fuzz missing and not root: apt-get install afl++"
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends afl++ >/dev/null \
        || die "apt-get install afl++ failed (try apt-get update first)"
fi
if ! command -v sharpfuzz >/dev/null; then
    echo "== installing the sharpfuzz tool (SharpFuzz.CommandLine 2.3.0)"
    dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null || die "dotnet tool install SharpFuzz.CommandLine failed"
fi
afl_version=$(afl-fuzz -h 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -m1 -o 'afl-fuzz++[0-9a-z.]*' || true)
echo "== ${afl_version:-afl-fuzz (version unknown)}, $(command -v sharpfuzz)"

# ---- publish + instrument ---------------------------------------------------------------------------------------
dll=$publish/Kz.MicroCredit.Identity.Fuzz.dll
if [[ ${KZID_AFL_SKIP_PUBLISH:-0} == 1 && -f $publish/.instrumented && -d $plain ]]; then
    echo "== reusing the instrumented publish in $publish"
else
    echo "== publishing the fuzz project (Release) to $publish"
    rm -rf "$publish" "$plain"
    dotnet publish "$here/Kz.MicroCredit.Identity.Fuzz.csproj" -c Release -o "$publish" -m:1 -nologo -v quiet \
        || die "dotnet publish failed"
    # The instrumented library writes coverage through SharpFuzz's shared-memory pointer, which only the --afl mode
    # sets up: any other mode (replay, export) on it dies with an access violation, so keep a plain copy for those.
    cp -a "$publish" "$plain"
    echo "== instrumenting Kz.MicroCredit.Identity.dll"
    sharpfuzz "$publish/Kz.MicroCredit.Identity.dll" >/dev/null || die "sharpfuzz failed on Kz.MicroCredit.Identity.dll"
    if [[ $instrument_bc == 1 ]]; then
        echo "== instrumenting BouncyCastle (Org.BouncyCastle.Asn1, Org.BouncyCastle.Cms)"
        sharpfuzz "$publish/BouncyCastle.Cryptography.dll" Org.BouncyCastle.Asn1 Org.BouncyCastle.Cms >/dev/null \
            || die "sharpfuzz failed on BouncyCastle.Cryptography.dll"
    fi
    touch "$publish/.instrumented"
fi

# ---- corpus -----------------------------------------------------------------------------------------------------
rm -rf "${corpus:?}/$target"
dotnet "$plain/Kz.MicroCredit.Identity.Fuzz.dll" "$target" --export-corpus "$corpus" --corpus "$repo/tests/Kz.MicroCredit.Identity.Tests/TestData" \
    --max-bytes "$max_seed" || die "corpus export failed"
[[ -n $(ls -A "$corpus/$target") ]] || die "no seeds for $target"
if [[ -n ${KZID_AFL_EXTRA_SEEDS:-} ]]; then
    [[ -d $KZID_AFL_EXTRA_SEEDS ]] || die "KZID_AFL_EXTRA_SEEDS: no directory $KZID_AFL_EXTRA_SEEDS"
    n=0
    for f in "$KZID_AFL_EXTRA_SEEDS"/*; do
        [[ -f $f ]] || continue
        n=$((n + 1))
        cp "$f" "$corpus/$target/extra-$(printf '%05d' "$n").bin"
    done
    echo "== added $n extra seeds from $KZID_AFL_EXTRA_SEEDS"
fi

# ---- fuzz -------------------------------------------------------------------------------------------------------
dict=()
[[ -f $here/dict/$target.dict ]] && dict=(-x "$here/dict/$target.dict")
args=("$target" --afl)
[[ $strict == 1 ]] && args+=(--strict)
mkdir -p "$work"
if [[ ${KZID_AFL_RESUME:-0} == 1 && -d $out/default/queue ]]; then
    input=(-i -)
    echo "== resuming the queue in $out"
else
    rm -rf "$out"
    input=(-i "$corpus/$target")
fi
echo "== afl-fuzz $target for ${seconds}s (-t $timeout_ms, strict=$strict, output $out)"
# AFL_SKIP_BIN_CHECK: the target is `dotnet`, not an afl-instrumented binary; SharpFuzz speaks the fork-server protocol.
set +e
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 \
AFL_FORKSRV_INIT_TMOUT=120000 AFL_SKIP_CRASHES=1 \
    afl-fuzz "${input[@]}" -o "$out" -V "$seconds" -t "$timeout_ms" -m none "${dict[@]}" -- "$(command -v dotnet)" "$dll" "${args[@]}" \
    > "$work/afl-$target.log" 2>&1
rc=$?
set -e
stats=$out/default/fuzzer_stats
if [[ ! -f $stats ]]; then
    tail -n 40 "$work/afl-$target.log" >&2
    die "afl-fuzz exited with $rc before writing fuzzer_stats (log: $work/afl-$target.log)"
fi

# ---- findings ---------------------------------------------------------------------------------------------------
rm -rf "$findings"
mkdir -p "$findings"
count=0
for kind in crashes hangs; do
    mkdir -p "$findings/$kind"
    for f in "$out/default/$kind"/id:*; do
        [[ -e $f ]] || continue
        cp "$f" "$findings/$kind/"
        count=$((count + 1))
    done
done

stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo
echo "== summary: afl-fuzz $target, ${seconds}s (exit $rc)"
echo "   execs:        $(stat execs_done) ($(stat execs_per_sec) execs/s at the end)"
echo "   corpus:       $(stat corpus_count) entries ($(stat corpus_found) found by fuzzing, $(stat corpus_favored) favored)"
echo "   edges:        $(stat edges_found) of $(stat total_edges) map entries, density $(stat bitmap_cvg)"
echo "   stability:    $(stat stability)"
echo "   crashes:      $(stat saved_crashes) saved"
echo "   hangs:        $(stat saved_hangs) saved (timeout ${timeout_ms} ms; confirm with the replay timing below)"
echo "   findings dir: $findings"
echo "   afl log:      $work/afl-$target.log"
if [[ $count -gt 0 ]]; then
    echo "== replaying the findings (--stacks)"
    for kind in crashes hangs; do
        [[ -n $(ls -A "$findings/$kind") ]] || continue
        # a real hang would block the replay: give it up after 10 minutes
        timeout 600 dotnet "$plain/Kz.MicroCredit.Identity.Fuzz.dll" "$target" --replay "$findings/$kind" --stacks \
            $([[ $strict == 1 ]] && echo --strict) || echo "afl.sh: replay of $kind exited $? (1: inputs still fail, 124: still running after 600 s)"
    done
    exit 1
fi
exit 0
