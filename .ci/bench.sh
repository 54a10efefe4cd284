#!/usr/bin/env bash
# bench.sh measures `dossier build` against Hugo on the same generated pages
# and writes .github/readme/benchmarks.md.
#
#   bash .ci/bench.sh            # N = 100, 1000, 5000
#   SIZES="100 1000" RUNS=3 bash .ci/bench.sh
#
# For each N it generates a corpus (go run ./cmd/gencorpus: DIR/dossier and
# its Hugo twin DIR/hugo), then alternates full builds of both into empty
# output folders (dossier with -no-cache), and reports medians of wall time
# and peak RSS (GNU time), pages written and pages per second. It also
# measures the rebuild after adding one seed to the largest corpus (with the
# cache of the previous build) and the full build of the real dossier.
# Installs the Debian packages hugo and time when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

SIZES=${SIZES:-"100 1000 5000"}
RUNS=${RUNS:-5}           # runs of each generator per size
RUNS_LARGE=${RUNS_LARGE:-3} # runs at 5000 and more
REBUILDS=${REBUILDS:-3}
OUT=${OUT:-.github/readme/benchmarks.md}

need() {
  local missing=()
  command -v hugo >/dev/null || missing+=(hugo)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (Debian)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
      { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${missing[@]}" >/dev/null; }
  fi
}
need

work=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin="$work/dossier"
echo "== building the dossier binary"
go build -o "$bin" ./cmd/dossier
go build -o "$work/gencorpus" ./cmd/gencorpus

# timed CMD... runs a command and prints "seconds maxrss_kb".
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/cmd.log" 2>&1 || {
    echo "command failed: $*" >&2; cat "$work/cmd.log" >&2; exit 1; }
  cat "$work/time.txt"
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print 0} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
pages() { find "$1" -name '*.html' | wc -l; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=""
rebuild_row=""
for n in $SIZES; do
  runs=$RUNS
  [ "$n" -ge 5000 ] && runs=$RUNS_LARGE
  dir="$work/corpus-$n"
  echo "== N=$n: generating"
  "$work/gencorpus" -n "$n" -seed 1 -project "$repo" -out "$dir" >/dev/null
  : >"$work/d.times"; : >"$work/h.times"
  for i in $(seq "$runs"); do
    rm -rf "$work/dout" "$dir/dossier/.dossier-cache"
    timed "$bin" build -root "$dir/dossier" -out "$work/dout" -no-cache >>"$work/d.times"
    dpages=$(pages "$work/dout")
    rm -rf "$work/hout"
    timed hugo --quiet --source "$dir/hugo" --destination "$work/hout" >>"$work/h.times"
    hpages=$(pages "$work/hout")
    echo "   run $i: dossier $(tail -1 "$work/d.times") · hugo $(tail -1 "$work/h.times") (seconds, KB)"
  done
  dt=$(cut -d' ' -f1 "$work/d.times" | median); dm=$(cut -d' ' -f2 "$work/d.times" | median)
  ht=$(cut -d' ' -f1 "$work/h.times" | median); hm=$(cut -d' ' -f2 "$work/h.times" | median)
  dps=$(calc "%.0f" "$dpages/$dt"); hps=$(calc "%.0f" "$hpages/$ht")
  rows+="| $n | $runs | $dpages | $(calc %.2f "$dt") s | $dps | $(calc %.0f "$dm/1024") MB | $hpages | $(calc %.2f "$ht") s | $hps | $(calc %.0f "$hm/1024") MB | **$(calc %.2f "($dpages/$dt)/($hpages/$ht)")×** | $(calc %.2f "$dm/$hm") |"$'\n'
  last_dir=$dir; last_n=$n; last_full=$dt
done

echo "== rebuild after one new seed (N=$last_n)"
rm -rf "$work/dout" "$last_dir/dossier/.dossier-cache"
"$bin" build -root "$last_dir/dossier" -out "$work/dout" >/dev/null
: >"$work/r.times"; : >"$work/u.times"
for i in $(seq "$REBUILDS"); do
  id=$((last_n + i - 1))
  text="A new report $id"$'\n'"In Kabul, officials said on Monday that talks would resume within days, and that 120 lorries were waiting."
  sum=$(printf '%s\n' "$text" | sha256sum | cut -c1-16)
  printf '%s\n' "$text" >"$last_dir/dossier/seeds/${id}_$sum.txt"
  timed "$bin" build -root "$last_dir/dossier" -out "$work/dout" >>"$work/r.times"
  summary=$(grep '^built' "$work/cmd.log")
  timed "$bin" build -root "$last_dir/dossier" -out "$work/dout" >>"$work/u.times"
  echo "   rebuild $i: $(tail -1 "$work/r.times") · unchanged: $(tail -1 "$work/u.times")"
done
# Where the time goes: CPU profiles of a full build and of a rebuild with no change.
profile() { go tool pprof -top -cum -nodecount 60 "$bin" "$1" 2>/dev/null |
  grep -E 'main\.|dossier/internal|^ *flat|Duration' | grep -v 'func[0-9]' | head -24; }
rm -rf "$work/pout"
"$bin" build -root "$last_dir/dossier" -out "$work/pout" -no-cache -cpuprofile "$work/full.prof" >/dev/null
"$bin" build -root "$last_dir/dossier" -out "$work/dout" -cpuprofile "$work/re.prof" >/dev/null
full_profile=$(profile "$work/full.prof")
re_profile=$(profile "$work/re.prof")

rt=$(cut -d' ' -f1 "$work/r.times" | median); rm_=$(cut -d' ' -f2 "$work/r.times" | median)
ut=$(cut -d' ' -f1 "$work/u.times" | median)
unchanged=$(echo "$summary" | grep -o '([0-9]* unchanged)' | tr -d '()')

echo "== the real dossier"
: >"$work/real.times"
for i in $(seq "$RUNS"); do
  rm -rf "$work/rout"
  timed "$bin" build -root "$repo" -out "$work/rout" -no-cache >>"$work/real.times"
  real_summary=$(grep '^built' "$work/cmd.log")
done
realt=$(cut -d' ' -f1 "$work/real.times" | median); realm=$(cut -d' ' -f2 "$work/real.times" | median)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)
mkdir -p "$(dirname "$OUT")"
cat >"$OUT" <<EOF
# Benchmarks: dossier vs Hugo

Written by \`bash .ci/bench.sh\` on $(date -u +%Y-%m-%d) (UTC). Rerun that command to reproduce;
it installs Debian \`hugo\` and \`time\` if needed, generates the corpora with
\`go run ./cmd/gencorpus -n N -seed 1\`, and rewrites this file.

## Machine

- $(nproc) cores ($cpu), $mem RAM, $(uname -sr)
- $(go version | sed 's/^go version //'), $(hugo version | cut -d' ' -f1-2)
- load average $load_before before the run and $load_after after: the machine is shared, so
  runs alternate between the two generators and medians are reported.

## Full builds

Each run starts from an empty output folder (dossier: \`build -no-cache\`; hugo: \`--destination\` a
fresh folder). Pages are the \`.html\` files written; the dossier also writes the search page and the
printable page, which the Hugo twin has no equivalent for. Peak RSS is GNU time's maximum resident set.

| seeds | runs | dossier pages | dossier time | dossier pages/s | dossier RSS | hugo pages | hugo time | hugo pages/s | hugo RSS | pages/s ratio | RSS ratio |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$rows
Ratios are dossier ÷ hugo: a pages/s ratio above 1 means dossier is faster; an RSS ratio below 1
means it uses less memory. Targets: pages/s ≥ 1.5× Hugo at 1,000 and 5,000 seeds; RSS ≤ Hugo's.

## Rebuild after one new seed ($last_n seeds)

After a full build with the cache, one seed naming no actor is added and \`dossier build\` runs again
(median of $REBUILDS): **$(calc %.2f "$rt") s**, $(calc %.0f "$rt/$last_full*100")% of the full build's $(calc %.2f "$last_full") s
(target ≤ 10%); peak RSS $(calc %.0f "$rm_/1024") MB; $unchanged files were kept from the previous site.
A rebuild with no change at all takes $(calc %.2f "$ut") s.

## Where the time goes ($last_n seeds)

CPU profile of a full build (\`dossier build -no-cache -cpuprofile\`), cumulative, pipeline
functions only:

\`\`\`
$full_profile
\`\`\`

and of a rebuild with no change:

\`\`\`
$re_profile
\`\`\`

## The real dossier

\`dossier build -no-cache\` of this repository (median of $RUNS): **$(calc %.3f "$realt") s** wall,
peak RSS $(calc %.0f "$realm/1024") MB (target: well under 0.5 s). The build's own summary of the last run:

    $real_summary
EOF
echo "== wrote $OUT"
cat "$OUT"
