#!/usr/bin/env bash
# ismsc benchmark: ismsc against the floor and the peers of the peer benchmark
# (../shared/bench-peers), on the same generated data, in one run.  See
# bench/README.md.
#
#   bench/run.sh                   install what is missing, measure everything
#   bench/run.sh --runs 1 --scales "100 1000" --tools "floor typst"
#   bench/run.sh --no-peers        ismsc alone (no floor, no peers)
#   bench/run.sh --no-install      skip apt-get and npm
#   bench/run.sh --setup-only      install, build, generate and convert; measure nothing
#   bench/run.sh --list            print the jobs and their commands
#
# Options: --runs N (3) --warmup N (1) --scales "100 1000 10000"
#   --tools "floor typst fop weasyprint" --pack-scales "1000" (scales at which
#   the peers render SoA + RTP + policies in one PDF) --timeout S (900, one run)
#   --slow S (300: a peer whose median is over S skips its larger scales)
#   --no-callgrind --no-build (use ./ismsc as it is)
#   --wait-load L (before each group of jobs, wait up to 5 minutes for the
#   1-minute load average to fall below L; default: do not wait)
# Environment: PEERS (default ../shared/bench-peers beside the repository),
#   ISMSC (default ./ismsc), EXAMPLE (default ./policies: the ISMS whose whole
#   build and no-change rebuild are timed), BENCH_OUT (default bench/out).
#
# Everything produced goes to bench/out/ (not committed): data/, src/ (the
# converted ismsc sources), pdf/<job>/, runs/<job>.txt (one "wall_s rss_kb"
# line per measured run), results.tsv, results.md, callgrind/, versions.txt.
set -euo pipefail
set -f   # job commands are split on spaces, never globbed

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
PEERS=${PEERS:-$ROOT/../shared/bench-peers}
OUT=${BENCH_OUT:-$BENCH/out}
ISMSC=${ISMSC:-$ROOT/ismsc}
EXAMPLE=${EXAMPLE:-$ROOT/policies}

RUNS=3
WARMUP=1
SCALES="100 1000 10000"
PACK_SCALES="1000"
TOOLS="floor typst fop weasyprint"
TIMEOUT=900
SLOW=300
INSTALL=1
BUILD=1
CALLGRIND=1
MODE=measure
WAIT_LOAD=
POLICIES=20
SEED=27001
CALLGRIND_SCALE=100

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --scales) SCALES=$2; shift 2 ;;
    --pack-scales) PACK_SCALES=$2; shift 2 ;;
    --tools) TOOLS=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --slow) SLOW=$2; shift 2 ;;
    --no-peers) TOOLS=""; shift ;;
    --no-install) INSTALL=0; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-callgrind) CALLGRIND=0; shift ;;
    --wait-load) WAIT_LOAD=$2; shift 2 ;;
    --setup-only) MODE=setup; shift ;;
    --list) MODE=list; INSTALL=0; BUILD=0; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option: $1" >&2; exit 2 ;;
  esac
done
[ "$RUNS" -ge 1 ] || { echo "bench/run.sh: --runs must be at least 1" >&2; exit 2; }
[ -d "$PEERS/gen" ] || { echo "bench/run.sh: no peer benchmark at $PEERS (set PEERS)" >&2; exit 2; }
PEERS=$(cd "$PEERS" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export PEERS FOP_XCONF="$OUT/peers/fop.xconf"
export NODE_PATH="$OUT/peers/node/node_modules${NODE_PATH:+:$NODE_PATH}"

has_tool() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
data() { echo "$OUT/data/isms-bench-n$1.xml"; }
src() { echo "$OUT/src/n$1"; }
in_list() { case " $2 " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
# data sets needed: the measured scales, plus the callgrind input
needed_scales() {
  local s=$SCALES
  [ "$CALLGRIND" = 1 ] && ! in_list "$CALLGRIND_SCALE" "$s" && s="$s $CALLGRIND_SCALE"
  echo $s
}

# ------------------------------------------------------------------ jobs
# One line per job: id <TAB> tool <TAB> doc <TAB> scale <TAB> fresh <TAB> command.
# The command writes into $OUT/pdf/<id>/ (emptied before each run when fresh=1;
# kept when 0: each measured run is then a rebuild over the previous one).
job() { # id tool doc scale fresh command...
  local id=$1 tool=$2 doc=$3 n=$4 fresh=$5; shift 5
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$tool" "$doc" "$n" "$fresh" "$*"
}
policy_ids() {
  local i s=""
  for i in $(seq 1 "$POLICIES"); do s="$s --only $(printf 'POL-%02d' "$i")"; done
  echo $s
}
job_list() {
  local n t d pdf
  job overhead - overhead - 1 true
  job ismsc-example ismsc example - 1 "$ISMSC" build -q -o "$OUT/pdf/ismsc-example" "$EXAMPLE"
  job ismsc-example-rebuild ismsc rebuild - 0 "$ISMSC" build -q -o "$OUT/pdf/ismsc-example-rebuild" "$EXAMPLE"
  for n in $SCALES; do
    job "ismsc-rtp-n$n" ismsc rtp "$n" 1 "$ISMSC" build -q -o "$OUT/pdf/ismsc-rtp-n$n" --only rtp "$(src "$n")"
    job "ismsc-soa-n$n" ismsc soa "$n" 1 "$ISMSC" build -q -o "$OUT/pdf/ismsc-soa-n$n" --only soa "$(src "$n")"
    job "ismsc-policies-n$n" ismsc policies "$n" 1 "$ISMSC" build -q -o "$OUT/pdf/ismsc-policies-n$n" $(policy_ids) "$(src "$n")"
    job "ismsc-all-n$n" ismsc all "$n" 1 "$ISMSC" build -q -o "$OUT/pdf/ismsc-all-n$n" "$(src "$n")"
    for t in $TOOLS; do
      case $t in
        floor)
          job "floor-rtp-n$n" floor rtp "$n" 1 "$OUT/peers/floor" "$(data "$n")" "$OUT/pdf/floor-rtp-n$n/out.pdf"
          job "floor_t-rtp-n$n" floor_t rtp "$n" 1 "$OUT/peers/floor" -t "$(data "$n")" "$OUT/pdf/floor_t-rtp-n$n/out.pdf" ;;
        typst|fop|weasyprint)
          local render="$PEERS/$t/render.sh"
          [ "$t" = fop ] && render="$BENCH/fop-render.sh"
          for d in rtp soa policies all; do
            [ "$d" = all ] && ! in_list "$n" "$PACK_SCALES" && continue
            job "$t-$d-n$n" "$t" "$d" "$n" 1 "$render" "$d" "$(data "$n")" "$OUT/pdf/$t-$d-n$n/out.pdf"
          done ;;
        *) echo "bench/run.sh: unknown tool: $t" >&2; exit 2 ;;
      esac
    done
  done
  # -j N, once ismsc has it: the full pack of the largest scale, -j 1 and -j 2
  if [ -x "$ISMSC" ] && "$ISMSC" build --help 2>&1 | grep -qE -- '(^|[ ,])-j([ ,=]|$)|--jobs'; then
    n=${SCALES##* }
    for t in 1 2; do
      job "ismsc-all-j$t-n$n" ismsc "all-j$t" "$n" 1 "$ISMSC" build -q -j "$t" -o "$OUT/pdf/ismsc-all-j$t-n$n" "$(src "$n")"
    done
  fi
}

if [ "$MODE" = list ]; then job_list; exit 0; fi

# ------------------------------------------------------------------ install
if [ "$INSTALL" = 1 ]; then
  pkgs="poppler-utils time python3"
  [ "$CALLGRIND" = 1 ] && pkgs="$pkgs valgrind"
  has_tool floor && pkgs="$pkgs gcc pkg-config libcairo2-dev libpango1.0-dev libxml2-dev fonts-dejavu-core"
  has_tool fop && pkgs="$pkgs xsltproc fop fonts-dejavu-core"
  has_tool weasyprint && pkgs="$pkgs xsltproc weasyprint fonts-dejavu-core"
  has_tool typst && { pkgs="$pkgs python3 fonts-dejavu-core"; command -v node >/dev/null || pkgs="$pkgs nodejs npm"; }
  missing=
  for p in $pkgs; do
    case " $missing " in *" $p "*) continue ;; esac
    [ "$p" = python3 ] && command -v python3 >/dev/null && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "== installing Debian packages:$missing"
    sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
  fi
  if has_tool typst && ! (cd "$OUT" && node -e "require('@myriaddreamin/typst-ts-node-compiler')") 2>/dev/null; then
    v=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['dependencies']['@myriaddreamin/typst-ts-node-compiler'])" "$PEERS/typst/package.json")
    echo "== npm: @myriaddreamin/typst-ts-node-compiler@$v into $OUT/peers/node"
    mkdir -p "$OUT/peers/node"
    npm install --prefix "$OUT/peers/node" --no-save --no-package-lock --no-audit --no-fund \
      "@myriaddreamin/typst-ts-node-compiler@$v"
  fi
fi

# ------------------------------------------------------------------ build
mkdir -p "$OUT/peers" "$OUT/data" "$OUT/src" "$OUT/pdf" "$OUT/runs"
if [ "$BUILD" = 1 ]; then
  make -C "$ROOT" --no-print-directory ismsc
fi
[ -x "$ISMSC" ] || { echo "bench/run.sh: no ismsc at $ISMSC" >&2; exit 2; }
if has_tool floor; then
  if [ ! -x "$OUT/peers/floor" ] || [ "$PEERS/floor/floor.c" -nt "$OUT/peers/floor" ]; then
    # shellcheck disable=SC2046
    gcc -O2 -Wall -o "$OUT/peers/floor" "$PEERS/floor/floor.c" $(pkg-config --cflags --libs pangocairo libxml-2.0)
  fi
fi
if has_tool fop; then
  regular=$(fc-match -f '%{file}' 'DejaVu Sans:style=Book')
  bold=$(fc-match -f '%{file}' 'DejaVu Sans:bold')
  sed -e "s|@REGULAR@|file://$regular|" -e "s|@BOLD@|file://$bold|" "$PEERS/fop/fop.xconf.in" > "$FOP_XCONF"
fi

# ------------------------------------------------------------------ data
for n in $(needed_scales); do
  f=$(data "$n")
  [ -s "$f" ] && [ "$f" -nt "$PEERS/gen/gen_isms.py" ] ||
    python3 "$PEERS/gen/gen_isms.py" --risks "$n" --policies "$POLICIES" --seed "$SEED" -o "$f"
  s=$(src "$n")
  if [ ! -f "$s/.converted" ] || [ "$f" -nt "$s/.converted" ] || [ "$BENCH/isms2sources.py" -nt "$s/.converted" ]; then
    rm -rf "$s"
    python3 "$BENCH/isms2sources.py" "$f" "$s"
    touch "$s/.converted"
  fi
  "$ISMSC" check -q "$s" || { echo "bench/run.sh: ismsc check fails on $s" >&2; exit 1; }
done

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  if [ "$ISMSC" = "$ROOT/ismsc" ]; then
    echo "ismsc: $("$ISMSC" --version), work tree $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '(no git)')"
  else
    echo "ismsc: $("$ISMSC" --version), $ISMSC"
  fi
  has_tool fop && echo "fop: $(fop -version 2>/dev/null | tail -1)"
  has_tool weasyprint && echo "weasyprint: $(weasyprint --version)"
  has_tool typst && echo "typst-ts-node-compiler: $(cd "$OUT" && node -p "require('@myriaddreamin/typst-ts-node-compiler/package.json').version" 2>/dev/null) on node $(node --version)"
  echo "pango: $(pkg-config --modversion pango 2>/dev/null) cairo: $(pkg-config --modversion cairo 2>/dev/null)"
  echo "runs: $RUNS measured after $WARMUP warm-up"
} > "$OUT/versions.txt"

[ "$MODE" = setup ] && { echo "setup done: $OUT"; exit 0; }

# ------------------------------------------------------------------ measure
# Jobs of the same document and scale form a group (ismsc, the floor, the
# peers). A group's jobs take turns: each job's warm-up runs, then run 1 of
# every job, run 2 of every job, ... so that load from elsewhere on the
# machine falls on all of them alike and their ratios stay meaningful.
results=$OUT/results.tsv
printf 'id\ttool\tdoc\tscale\truns\tpages\twall_median_s\twall_min_s\twall_max_s\tpeak_rss_mib\tpdf_bytes\tload\tnote\n' > "$results"
declare -A slow_at   # tool -> scale at which it failed or passed SLOW
declare -A J_TOOL J_DOC J_N J_FRESH J_CMD J_OK J_LOAD J_GROUP
started=$EPOCHREALTIME

# one run of job $1; measured unless $2 = warm. Returns non-zero on failure.
run_once() {
  local id=$1 dir=$OUT/pdf/$1 t0 t1 cmd=${J_CMD[$1]}
  if [ "${J_FRESH[$id]}" = 1 ] && [ "$id" != overhead ]; then rm -rf "$dir"; fi
  [ "$id" = overhead ] || mkdir -p "$dir"
  t0=$EPOCHREALTIME
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M' -o "$OUT/runs/time.tmp" timeout "$TIMEOUT" $cmd < /dev/null \
    > "$OUT/runs/$id.stdout" 2> "$OUT/runs/$id.stderr" || return 1
  t1=$EPOCHREALTIME
  # wall from bash's microsecond clock (GNU time's %e has 10 ms steps); RSS from GNU time
  [ "$2" = warm ] ||
    awk -v a="$t0" -v b="$t1" 'NR == 1 { printf "%.6f %s\n", b - a, $2 }' "$OUT/runs/time.tmp" >> "$OUT/runs/$id.txt"
}

fail() { # id
  local id=$1
  J_OK[$id]=0
  printf '%s\t%s\t%s\t%s\t0\t\t\t\t\t\t\t%s\tfailed or over %s s (see runs/%s.stderr)\n' \
    "$id" "${J_TOOL[$id]}" "${J_DOC[$id]}" "${J_N[$id]}" "${J_LOAD[$id]}" "$TIMEOUT" "$id" >> "$results"
  [ "${J_TOOL[$id]}" != ismsc ] && slow_at[${J_TOOL[$id]}]=${J_N[$id]/-/0}
  echo "   $id FAILED: $(tail -3 "$OUT/runs/$id.stderr" | tr '\n' ' ')"
}

finish() { # id: pages and bytes of its PDFs, the statistics of its runs
  local id=$1 dir=$OUT/pdf/$1 pages=0 bytes=0 p pdf med
  if [ "$id" != overhead ]; then
    while IFS= read -r -d '' pdf; do
      p=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
      pages=$((pages + ${p:-0}))
      bytes=$((bytes + $(stat -c %s "$pdf")))
    done < <(find "$dir" -name '*.pdf' -print0)
  fi
  python3 - "$OUT/runs/$id.txt" "$id" "${J_TOOL[$id]}" "${J_DOC[$id]}" "${J_N[$id]}" "$pages" "$bytes" "${J_LOAD[$id]}" >> "$results" <<'PY'
import statistics, sys
log, id_, tool, doc, n, pages, size, load = sys.argv[1:]
rows = [l.split() for l in open(log) if l.strip()]
wall = sorted(float(r[0]) for r in rows)
rss = max(int(r[1]) for r in rows) / 1024
med = statistics.median(wall)
print("\t".join([id_, tool, doc, n, str(len(wall)), pages, f"{med:.4f}", f"{wall[0]:.4f}",
                 f"{wall[-1]:.4f}", f"{rss:.1f}", size, load, ""]))
PY
  tail -1 "$results" | awk -F'\t' '{printf "   %-28s %5s pages, median %s s (%s-%s), %s MiB\n", $1, $6, $7, $8, $9, $10}'
  med=$(tail -1 "$results" | cut -f7)
  if [ "${J_TOOL[$id]}" != ismsc ] && awk -v m="$med" -v s="$SLOW" 'BEGIN { exit !(m > s) }'; then
    slow_at[${J_TOOL[$id]}]=${J_N[$id]}
  fi
}

groups=()
order=()
while IFS=$'\t' read -r id tool doc n fresh cmd; do
  J_TOOL[$id]=$tool J_DOC[$id]=$doc J_N[$id]=$n J_FRESH[$id]=$fresh J_CMD[$id]=$cmd
  case $doc in overhead|example|rebuild|all-j*) g=$id ;; *) g=$doc@$n ;; esac
  J_GROUP[$id]=$g
  in_list "$g" "${groups[*]:-}" || groups+=("$g")
  order+=("$id")
done < <(job_list)

for g in "${groups[@]}"; do
  members=()
  for id in "${order[@]}"; do
    [ "${J_GROUP[$id]}" = "$g" ] || continue
    tool=${J_TOOL[$id]} n=${J_N[$id]}
    if [ "$tool" != ismsc ] && [ -n "${slow_at[$tool]:-}" ] && [ "$n" -gt "${slow_at[$tool]}" ]; then
      printf '%s\t%s\t%s\t%s\t0\t\t\t\t\t\t\t\tskipped: failed or slow at %s\n' "$id" "$tool" "${J_DOC[$id]}" "$n" "${slow_at[$tool]}" >> "$results"
      echo "skip $id"; continue
    fi
    members+=("$id")
  done
  [ ${#members[@]} -gt 0 ] || continue
  if [ -n "$WAIT_LOAD" ]; then
    for _ in $(seq 1 60); do
      awk -v l="$WAIT_LOAD" '{ exit !($1 >= l) }' /proc/loadavg || break
      sleep 5
    done
  fi
  echo "== $g: ${members[*]}"
  for id in "${members[@]}"; do
    J_OK[$id]=1
    J_LOAD[$id]=$(cut -d' ' -f1 /proc/loadavg)
    : > "$OUT/runs/$id.txt"
    [ "$id" = overhead ] || rm -rf "$OUT/pdf/$id"
    warm=$WARMUP
    [ "${J_FRESH[$id]}" = 0 ] && [ "$warm" -lt 1 ] && warm=1   # a rebuild needs a build before it
    for _ in $(seq 1 "$warm"); do
      run_once "$id" warm || { fail "$id"; break; }
    done
  done
  for _ in $(seq 1 "$RUNS"); do
    for id in "${members[@]}"; do
      [ "${J_OK[$id]}" = 1 ] || continue
      run_once "$id" measured || fail "$id"
    done
  done
  for id in "${members[@]}"; do
    [ "${J_OK[$id]}" = 1 ] && finish "$id"
  done
done

# -j: the outputs of -j 1 and -j 2 must be byte-identical
n=${SCALES##* }
if [ -d "$OUT/pdf/ismsc-all-j1-n$n" ] && [ -d "$OUT/pdf/ismsc-all-j2-n$n" ]; then
  if diff -r "$OUT/pdf/ismsc-all-j1-n$n" "$OUT/pdf/ismsc-all-j2-n$n" > /dev/null; then
    echo identical > "$OUT/j-compare.txt"
  else
    echo different > "$OUT/j-compare.txt"
  fi
else
  rm -f "$OUT/j-compare.txt"
fi

# ------------------------------------------------------------------ callgrind
rm -f "$OUT/callgrind.tsv"
if [ "$CALLGRIND" = 1 ]; then
  echo "== callgrind: ismsc build --only rtp, $CALLGRIND_SCALE risks"
  cg=$OUT/callgrind
  rm -rf "$cg"; mkdir -p "$cg/pdf"
  "$ISMSC" build -q -o "$cg/pdf" --only rtp "$(src "$CALLGRIND_SCALE")"   # warm the caches once
  rm -rf "$cg/pdf"; mkdir -p "$cg/pdf"
  valgrind --tool=callgrind --collect-atstart=yes --callgrind-out-file="$cg/rtp-n$CALLGRIND_SCALE.out" \
    "$ISMSC" build -q -o "$cg/pdf" --only rtp "$(src "$CALLGRIND_SCALE")" 2> "$cg/valgrind.log"
  ir=$(awk '/^(summary|totals):/ {print $2; exit}' "$cg/rtp-n$CALLGRIND_SCALE.out")
  pages=$(pdfinfo "$cg/pdf/risk-treatment-plan.pdf" | awk '/^Pages:/ {print $2}')
  printf 'scale\tinstructions\tpages\n%s\t%s\t%s\n' "$CALLGRIND_SCALE" "$ir" "$pages" > "$OUT/callgrind.tsv"
fi

elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
echo "measured in $elapsed s"
echo
python3 "$BENCH/report.py" "$OUT" | tee "$OUT/results.md"
