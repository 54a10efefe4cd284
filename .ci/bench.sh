#!/usr/bin/env bash
# bench.sh measures `dossier build` against Hugo on the same generated pages
# and writes .github/readme/benchmarks.md.
#
#   bash .ci/bench.sh                     # N = 1500 and 5000 seeds
#   SIZES=1500 RUNS=3 bash .ci/bench.sh   # a quicker run
#
# For each N it generates a corpus (go run ./cmd/gencorpus: DIR/dossier and
# its Hugo twin DIR/hugo, which writes the same pages), then alternates full
# builds of both into new, empty output folders (dossier with -no-cache) and
# reports medians of wall time, CPU time (bash's time) and peak RSS (GNU time), pages
# written (both counts) and pages per second. Then, with the cache, it
# alternates four rebuilds and reports each as a share of the full build:
# one new seed, one content page edited, nothing changed, and the actor
# layout edited (with the files that rebuild wrote). No output folder is
# removed before the end: ext4 without a journal (as on the CI machines)
# will not reuse an inode freed in the last minute, or longer while its
# block is unwritten, and checks each such inode it passes when it
# allocates one, so files created after tens of thousands were removed
# cost two to three times the system time for minutes (measured: a full
# build at 5,000 seeds right after another's output was removed took 16.6 s
# against 11.0, system time 15.9 s against 6.7). Installs the Debian
# packages hugo and time when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

SIZES=${SIZES:-"1500 5000"}
RUNS=${RUNS:-5}             # full builds of each generator per size
RUNS_LARGE=${RUNS_LARGE:-3} # at 5000 seeds and more
REBUILDS=${REBUILDS:-5}     # of each kind of rebuild
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

# timed CMD... runs a command and prints "wall_s maxrss_kb cpu_s": the
# times to the millisecond from bash's time (GNU time's are in hundredths,
# a tenth of a rebuild at 1,500 seeds), the peak RSS from GNU time.
timed() {
  local TIMEFORMAT='%3R %3U %3S'
  { time /usr/bin/time -f "%M" -o "$work/rss.txt" "$@" >"$work/cmd.log" 2>&1; } 2>"$work/time.txt" || {
    echo "command failed: $*" >&2; cat "$work/cmd.log" >&2; exit 1; }
  awk -v rss="$(tail -1 "$work/rss.txt")" '{printf "%s %s %.3f\n", $1, rss, $2 + $3}' "$work/time.txt"
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print 0} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
col() { cut -d' ' -f"$1" "$2" | median; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }
# Pages are the .html files written; Hugo's redirect stub for page 1 of a
# paginated list is not a page.
dpages() { find "$1" -name '*.html' | wc -l; }
hpages() {
  local stubs
  stubs=$(grep -rl --include='*.html' 'http-equiv="refresh"' "$1" | wc -l || true)
  echo $(($(dpages "$1") - stubs))
}
settle() { sync; sleep "${1:-3}"; }
# written OUT MARK counts the files of OUT made after MARK, and of them actor pages.
written() { echo "$(find "$1" -type f -newer "$2" | wc -l) $(find "$1/actors" -mindepth 2 -type f -newer "$2" | wc -l)"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=""
rebuild_rows=""
cpu_ratios=""
for n in $SIZES; do
  runs=$RUNS
  [ "$n" -ge 5000 ] && runs=$RUNS_LARGE
  dir="$work/corpus-$n"
  echo "== N=$n: generating"
  "$work/gencorpus" -n "$n" -seed 1 -out "$dir" >/dev/null
  settle
  : >"$work/d.times"; : >"$work/h.times"
  for i in $(seq "$runs"); do
    timed "$bin" build -root "$dir/dossier" -out "$work/d-$i" -no-cache -quiet >>"$work/d.times"
    timed hugo --quiet --source "$dir/hugo" --destination "$work/h-$i" >>"$work/h.times"
    echo "   run $i: dossier $(tail -1 "$work/d.times") · hugo $(tail -1 "$work/h.times") (wall s, RSS KB, CPU s)"
  done
  dp=$(dpages "$work/d-1"); hp=$(hpages "$work/h-1")
  settle
  dt=$(col 1 "$work/d.times"); dm=$(col 2 "$work/d.times"); dc=$(col 3 "$work/d.times")
  ht=$(col 1 "$work/h.times"); hm=$(col 2 "$work/h.times"); hc=$(col 3 "$work/h.times")
  cpu_ratios+="$(calc %.2f "$hc/$dc")× at $n seeds; "
  rows+="| $n | $runs | $dp | $(calc %.2f "$dt") s | $(calc %.1f "$dc") s | $(calc %.0f "$dp/$dt") | $(calc %.0f "$dm/1024") MB | $hp | $(calc %.2f "$ht") s | $(calc %.1f "$hc") s | $(calc %.0f "$hp/$ht") | $(calc %.0f "$hm/1024") MB | **$(calc %.2f "($dp/$dt)/($hp/$ht)")×** | $(calc %.2f "$dm/$hm") |"$'\n'

  echo "== N=$n: rebuilds"
  out="$work/r-$n"
  root="$dir/dossier"
  "$bin" build -root "$root" -out "$out" -quiet
  actors=("$root"/content/actors/*.md)
  actor=${actors[0]}
  mkdir -p "$root/templates"
  : >"$work/seed.times"; : >"$work/edit.times"; : >"$work/none.times"; : >"$work/layout.times"; : >"$work/full.times"
  for i in $(seq "$REBUILDS"); do
    id=$((n + i - 1))
    text="A new report $id"$'\n'"In Kabul, officials said on Monday that talks would resume within days, and that 120 lorries were waiting."
    printf '%s\n' "$text" >"$root/seeds/${id}_$(printf '%s\n' "$text" | sha256sum | cut -c1-16).txt"
    timed "$bin" build -root "$root" -out "$out" -quiet >>"$work/seed.times"
    # One content page edited: a word of the actor's body, toggled.
    if grep -q ' is, in the sources, ' "$actor"; then sed -i 's/ is, in the sources, / is /' "$actor"; else sed -i '0,/ is /s// is, in the sources, /' "$actor"; fi
    timed "$bin" build -root "$root" -out "$out" -quiet >>"$work/edit.times"
    timed "$bin" build -root "$root" -out "$out" -quiet >>"$work/none.times"
    # The actor layout edited: the project overrides the theme's, with an
    # attribute that changes each time (html/template drops comments).
    sed "s|<article|<article data-edit=\"$i\"|" templates/actor.html >"$root/templates/actor.html"
    touch "$work/mark"; sleep 0.01
    timed "$bin" build -root "$root" -out "$out" >>"$work/layout.times"
    layout_made=$(grep -o '[0-9]* files ([0-9]* unchanged)' "$work/cmd.log" | awk '{print $1 - substr($3, 2)}')
    layout_written=$(written "$out" "$work/mark")
    # A full build of the same corpus in the same round, for the shares.
    timed "$bin" build -root "$root" -out "$work/f-$i" -no-cache -quiet >>"$work/full.times"
    echo "   rebuild $i: new seed $(tail -1 "$work/seed.times") · page $(tail -1 "$work/edit.times") · none $(tail -1 "$work/none.times") · layout $(tail -1 "$work/layout.times") (made $layout_made; written, actor pages: $layout_written) · full $(tail -1 "$work/full.times")"
  done
  actors=$(find "$out/actors" -mindepth 2 -name index.html | wc -l)
  # Each rebuild's share of the full build of its round, wall and CPU; the
  # median of the rounds' shares.
  rebuild_row() {
    local t c sw sc
    t=$(col 1 "$work/$2.times"); c=$(col 3 "$work/$2.times")
    sw=$(paste -d' ' "$work/$2.times" "$work/full.times" | awk '{print 100 * $1 / $4}' | median)
    sc=$(paste -d' ' "$work/$2.times" "$work/full.times" | awk '{print 100 * $3 / $6}' | median)
    rebuild_rows+="| $n | $1 | $(calc %.3f "$t") s | $(calc %.2f "$c") s | $(calc %.2f "$ft") s | **$(calc %.1f "$sw")%** | $(calc %.1f "$sc")% | $3 | $4 |"$'\n'
  }
  ft=$(col 1 "$work/full.times")
  rebuild_row "one new seed" seed "≤ 10%" ""
  rebuild_row "one content page edited" edit "≤ 5%" ""
  rebuild_row "nothing changed" none "≤ 3%" ""
  rebuild_row "actor layout edited" layout "the actor pages" "$layout_made files made again, $(echo "$layout_written" | cut -d' ' -f1) written, $(echo "$layout_written" | cut -d' ' -f2) of them actor pages ($actors actors)"
  last_dir=$dir; last_n=$n
done

# Where the time goes: CPU profiles of a full build and of a rebuild after
# one new seed, of the last size.
profile() { go tool pprof -top -cum -nodecount 80 "$bin" "$1" 2>/dev/null |
  grep -E 'dossier/internal|^ *flat|Duration|gcBgMarkWorker$|syscall.Syscall6$' | grep -v 'func[0-9]' | head -30 || true; }
settle
"$bin" build -root "$last_dir/dossier" -out "$work/pout" -no-cache -quiet -cpuprofile "$work/full.prof"
"$bin" build -root "$last_dir/dossier" -out "$work/pout2" -quiet
# Two new seeds: the first rebuild also makes the publish stage's spare tree,
# so the second is the one profiled.
for id in $((last_n + 1000)) $((last_n + 1001)); do
  text="A report for the profile $id"$'\n'"In Quetta, officials said on Friday that the crossing would stay closed."
  printf '%s\n' "$text" >"$last_dir/dossier/seeds/${id}_$(printf '%s\n' "$text" | sha256sum | cut -c1-16).txt"
  "$bin" build -root "$last_dir/dossier" -out "$work/pout2" -quiet -cpuprofile "$work/re.prof"
done
full_profile=$(profile "$work/full.prof")
re_profile=$(profile "$work/re.prof")

echo "== the real dossier"
: >"$work/real.times"
for i in $(seq "$RUNS"); do
  timed "$bin" build -root "$repo" -out "$work/real-$i" -no-cache >>"$work/real.times"
  real_summary=$(grep '^built' "$work/cmd.log")
done
realt=$(col 1 "$work/real.times"); realm=$(col 2 "$work/real.times")
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

Each run writes into a new, empty output folder (dossier: \`build -no-cache\`, so every seed is
parsed and extracted; hugo: \`--destination\` a new folder). Both write the same pages from the
same text (internal/corpusgen): per seed a viewer and an inbox page, per curated page one, the
indexes, the sources index in pages of 100, home, about, search, print and 404. Pages are the
\`.html\` files written (Hugo's redirect stub for page 1 of the sources index aside). Times are
bash's, to the millisecond; CPU is user plus system time; peak RSS is GNU time's maximum resident
set.

| seeds | runs | dossier pages | dossier wall | dossier CPU | dossier pages/s | dossier RSS | hugo pages | hugo wall | hugo CPU | hugo pages/s | hugo RSS | pages/s ratio | RSS ratio |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$rows
Ratios are dossier ÷ hugo: a pages/s ratio above 1 means dossier is faster; an RSS ratio below 1
means it uses less memory. Targets: pages/s ≥ 1.5× Hugo at 1,500 and 5,000 seeds; RSS ≤ Hugo's.
On a shared machine wall times swing with the load; the CPU columns swing less (pages per
CPU-second, dossier ÷ hugo: ${cpu_ratios%; }).

## Rebuilds

After a build with the cache, four rebuilds alternate $REBUILDS times (medians): a new seed
naming no actor; one actor page's body edited; no change at all; the actor layout edited (the
project's templates/actor.html overrides the theme's). Each round ends with a full build of the
same corpus (\`-no-cache\`, into a new folder), and each rebuild is shown as a share of its
round's full build, the median of the rounds' shares: side by side, so that a change of the
machine's load between the full builds above and the rebuilds does not enter. The share is by
wall time (the targets') and by CPU time, which a shared machine disturbs less. The first rebuild
after a first build also makes the publish stage's spare tree.

| seeds | rebuild | wall | CPU | full builds of the rounds (wall) | share of a full build (wall) | (CPU) | target | written |
|---:|---|---:|---:|---:|---:|---:|---|---|
$rebuild_rows
## Where the time goes ($last_n seeds)

CPU profile of a full build (\`dossier build -no-cache -cpuprofile\`), cumulative, pipeline
functions only:

\`\`\`
$full_profile
\`\`\`

and of a rebuild after one new seed (the second such rebuild: the first also makes the spare tree):

\`\`\`
$re_profile
\`\`\`

## The real dossier

\`dossier build -no-cache\` of this repository (median of $RUNS): **$(calc %.3f "$realt") s** wall,
peak RSS $(calc %.0f "$realm/1024") MB. The build's own summary of the last run:

    $real_summary
EOF
echo "== wrote $OUT"
cat "$OUT"
