# Hostile inputs (issue 6), sourced by tests/run.sh: ISMSC, TMP and the
# check/pass/fail helpers of tests/lib.sh are set.
#
#  1. tests/hostile/sources/CASE/edit, run in a copy of tests/bad/base,
#     adds a hostile source. The build must fail with exactly `expected`
#     (status 1, or the one in `status`), within its time limit, leave an
#     earlier output folder as it was, and touch nothing outside.
#  2. tests/hostile/stylesheets/CASE/soa.xsl (and files/) replace the SoA
#     stylesheet in a copy of the data folder (ISMSC_DATADIR): the same.
#  3. Builds killed with SIGKILL at many moments leave every earlier output
#     byte-identical or completely new.
#  4. Outputs that cannot be written (a full disk, a read-only folder) give
#     exit status 3, a clear error, and change nothing.
#  5. Pathological layouts (`ismsc typeset`) finish within a time limit
#     with a correct document.
#
# "Nothing outside": the cases point at $OUTSIDE, which holds a secret and
# a FIFO that would block whoever opened it (every run has a time limit),
# and at a local port; when strace works, every run of sections 1 and 2 is
# traced and must neither open anything in $OUTSIDE nor connect anywhere.
# In the files of a case, @OUTSIDE@ and @PORT@ stand for those.
#
# ISMSC_SLOW (default 1) multiplies the time limits: sanitizer and
# valgrind runs set it. With ISMSC_SLOW above 5 the timing-bound sections
# (3 and 5) are skipped.
HOSTILE="$TMP/hostile"
OUTSIDE="$HOSTILE/outside"
PORT=9                   # discard: nothing should even try it
SLOW=${ISMSC_SLOW:-1}
export OUTSIDE PORT
mkdir -p "$OUTSIDE"
echo "TOP-SECRET" > "$OUTSIDE/secret.txt"
echo "<controls><!-- TOP-SECRET --></controls>" > "$OUTSIDE/secret.xml"
cat > "$OUTSIDE/evil.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><document title="IMPORTED" author="a"><p>TOP-SECRET</p></document></xsl:template>
</xsl:stylesheet>
EOF
mkfifo "$OUTSIDE/fifo"

TRACE=
if [ "$SLOW" -le 1 ] && command -v strace > /dev/null 2>&1 &&
    strace -f -qq -o /dev/null true 2> /dev/null; then
	TRACE=1
fi

# run LOG LIMIT COMMAND...: run with a time limit (seconds, times SLOW),
# traced into LOG when strace works. Returns the command's status.
hostile_run() {
	log=$1 limit=$(($2 * SLOW))
	shift 2
	if [ -n "$TRACE" ]; then
		timeout -k 5 "$limit" strace -f -qq -o "$log" -e trace=open,\
openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,\
link,linkat,symlink,symlinkat,truncate,connect,sendto,sendmsg "$@"
	else
		: > "$log"
		timeout -k 5 "$limit" "$@"
	fi
}

# The trace LOG shows no file in $OUTSIDE opened, made or changed, and no
# connection: prints what it found. (Looking at a path, as realpath does
# to refuse it, is not reading it.)
untouched() {
	grep -e "\"$OUTSIDE/" -e ' connect(' -e ' send' "$1" | head -5
}

# Every file of folder $1 is the file of the same name in $2, and no other
# file is there: prints the differences.
same_tree() {
	(cd "$1" && find . -type f | sort) > "$HOSTILE/tree.a"
	(cd "$2" && find . -type f | sort) > "$HOSTILE/tree.b"
	diff "$HOSTILE/tree.a" "$HOSTILE/tree.b"
	while read -r f; do
		cmp -s "$1/$f" "$2/$f" || echo "changed: $f"
	done < "$HOSTILE/tree.b"
}

# hostile_case LABEL WORK WANT_STATUS EXPECTED: after a run in WORK (its
# stdout, stderr, status and trace), compare.
hostile_verdict() {
	label=$1 work=$2 want=$3 expected=$4 got=$5
	sed -e "s|$work/data|DATA|g" -e "s|$OUTSIDE|OUTSIDE|g" \
	    "$work/stderr" > "$work/stderr.n"
	if [ "$got" = 124 ] || [ "$got" = 137 ]; then
		fail "$label: no answer within its time limit" \
		    "$(head -5 "$work/stderr.n")"
	elif [ "$got" != "$want" ]; then
		fail "$label: exit status $got, expected $want" \
		    "$(head -5 "$work/stderr.n")"
	elif ! diff -u "$expected" "$work/stderr.n" > "$work/diff"; then
		fail "$label: diagnostics differ" "$(head -20 "$work/diff")"
	elif [ -n "$(same_tree "$work/out" "$work/earlier")" ]; then
		fail "$label: the output folder was changed" \
		    "$(same_tree "$work/out" "$work/earlier" | head -5)"
	elif [ -n "$(untouched "$work/trace")" ]; then
		fail "$label: reached outside" "$(untouched "$work/trace")"
	elif [ -n "$(find "$OUTSIDE" -newer "$OUTSIDE/fifo" ! -name fifo)" ]; then
		fail "$label: wrote outside" "$(find "$OUTSIDE" -newer \
		    "$OUTSIDE/fifo")"
	else
		pass "$label"
	fi
}

# A work folder: src (tests/bad/base) and out holding an earlier output,
# with a copy in earlier.
hostile_work() {
	rm -rf "$1"
	mkdir -p "$1/out" "$1/earlier"
	cp -r tests/bad/base "$1/src"
	echo "earlier output" > "$1/out/statement-of-applicability.pdf"
	echo "earlier output" > "$1/earlier/statement-of-applicability.pdf"
}

# ---- 1. hostile sources ------------------------------------------------

for case in tests/hostile/sources/*/; do
	name=$(basename "$case")
	work="$HOSTILE/src-$name"
	hostile_work "$work"
	(cd "$work/src" && sh "$OLDPWD/$case/edit")
	want=1
	[ ! -f "$case/status" ] || want=$(cat "$case/status")
	(cd "$work" && hostile_run trace 30 "$ISMSC" build -o out src \
	    > stdout 2> stderr)
	hostile_verdict "hostile source $name" "$work" "$want" \
	    "$case/expected" $?
done

# ---- 2. hostile stylesheets --------------------------------------------

for case in tests/hostile/stylesheets/*/; do
	name=$(basename "$case")
	work="$HOSTILE/xsl-$name"
	hostile_work "$work"
	mkdir -p "$work/data"
	cp -r schema stylesheets "$work/data/"
	ln -s "$PWD/fonts" "$work/data/fonts"
	for f in "$case/soa.xsl" $(find "$case" -path '*/files/*' -type f); do
		sed -e "s|@OUTSIDE@|$OUTSIDE|g" -e "s|@PORT@|$PORT|g" "$f" \
		    > "$work/data/stylesheets/$(basename "$f")"
	done
	want=4
	[ ! -f "$case/status" ] || want=$(cat "$case/status")
	(cd "$work" && ISMSC_DATADIR="$work/data" hostile_run trace 60 \
	    "$ISMSC" build --only soa -o out src > stdout 2> stderr)
	hostile_verdict "hostile stylesheet $name" "$work" "$want" \
	    "$case/expected" $?
done

# ---- 3. builds killed at any moment ------------------------------------

# Two versions of a small ISMS whose every output differs; the outputs of
# each, built whole, are the references. Each round puts the old outputs
# in place, starts a build of the new version and kills it with SIGKILL
# after a delay; every output must then be byte-identical to the old or to
# the new reference, nothing else may be there but hidden temporary files
# (.NAME.tmp-XXXXXX), and the next whole build must clean up. The delays
# sweep the length of a build, denser at its end where the files are
# written; with strace, builds are also killed exactly at each of their
# renames, directory syncs and writes of output files.
K="$HOSTILE/kill"
mkdir -p "$K"
cp -r tests/bad/base "$K/v1"
cp -r tests/bad/base "$K/v2"
sed -i 's/Test Fixture Ltd/Test Fixture Two Ltd/' "$K/v2/organization.xml"

# kill_check LABEL: the state of $K/out after a killed build; prints the
# problems, and counts the outputs found old and new.
kill_check() {
	old=0 new=0
	for f in $(cd "$K/ref2" && find . -type f | sort); do
		if [ ! -f "$K/out/$f" ]; then
			[ -f "$K/ref1/$f" ] && echo "$f: missing" && continue
			continue          # new in v2, not written yet
		fi
		if cmp -s "$K/out/$f" "$K/ref1/$f"; then
			old=$((old + 1))
		elif cmp -s "$K/out/$f" "$K/ref2/$f"; then
			new=$((new + 1))
		else
			echo "$f: neither the old nor the new output"
		fi
	done
	(cd "$K/out" && find . -type f ! -name '.*.tmp-??????') |
	while read -r f; do
		[ -f "$K/ref1/$f" ] || [ -f "$K/ref2/$f" ] ||
		    echo "$f: not an output"
	done
	echo "$old $new" > "$K/counts"
}

kill_round() {
	rm -rf "$K/out"
	cp -r "$K/ref1" "$K/out"
}

if [ "$SLOW" -gt 5 ]; then
	[ -z "${VERBOSE:-}" ] || echo "skip the kill test (ISMSC_SLOW=$SLOW)"
elif ! "$ISMSC" build -q -o "$K/ref1" "$K/v1" ||
    ! "$ISMSC" build -q -o "$K/ref2" "$K/v2"; then
	fail "kill test: the reference builds fail"
else
	differing=0
	for f in $(cd "$K/ref1" && find . -type f ! -name '.*'); do
		cmp -s "$K/ref1/$f" "$K/ref2/$f" || differing=$((differing + 1))
	done
	check "kill test: the two versions differ in every document" \
	    test "$differing" -ge 3
	# a build's length, in milliseconds
	t0=$(date +%s%N)
	"$ISMSC" build -q -o "$K/probe" "$K/v2"
	ms=$((($(date +%s%N) - t0) / 1000000))
	problems="$K/problems"
	: > "$problems"
	rounds=0 killed=0 mixed=0 finished=0
	budget=$(($(date +%s) + 10 * SLOW))
	i=0
	while [ "$(date +%s)" -lt "$budget" ] && [ "$i" -lt 400 ]; do
		# 0, 1, 2, 5 ms, then points spread over 0..1.25 x the build,
		# every third one in its last fifth
		case $i in
		0|1|2) d=$i ;;
		3) d=5 ;;
		*) if [ $((i % 3)) -eq 0 ]; then
			d=$((ms * 4 / 5 + (i * 7919) % (ms * 9 / 20 + 1)))
		   else
			d=$(((i * 7919) % (ms * 5 / 4 + 1)))
		   fi ;;
		esac
		kill_round
		[ "$d" -gt 0 ] || d=1           # timeout 0 would never kill
		timeout -s KILL "$(printf '%d.%03d' $((d / 1000)) \
		    $((d % 1000)))" "$ISMSC" build -q -o "$K/out" "$K/v2" \
		    > /dev/null 2>&1
		st=$?
		kill_check | sed "s/^/after ${d} ms: /" >> "$problems"
		read -r old new < "$K/counts"
		rounds=$((rounds + 1))
		if [ "$st" = 137 ]; then
			killed=$((killed + 1))
			[ "$old" = 0 ] || [ "$new" = 0 ] || mixed=$((mixed + 1))
		else
			finished=$((finished + 1))
		fi
		i=$((i + 1))
	done
	if [ -n "$TRACE" ]; then
		# exactly at the n-th rename, and at the n-th file or folder
		# sync (the last moment before a rename)
		for sc in rename fsync; do
			n=1
			while [ "$n" -le 30 ]; do
				kill_round
				strace -f -qq -o /dev/null -e trace="$sc" \
				    -e inject="$sc:signal=KILL:when=$n" \
				    "$ISMSC" build -q -o "$K/out" "$K/v2" \
				    > /dev/null 2>&1
				st=$?
				kill_check | sed "s/^/at $sc $n: /" >> "$problems"
				rounds=$((rounds + 1))
				[ "$st" != 0 ] || break     # fewer than n calls
				killed=$((killed + 1))
				read -r old new < "$K/counts"
				[ "$old" = 0 ] || [ "$new" = 0 ] ||
				    mixed=$((mixed + 1))
				n=$((n + 1))
			done
		done
	fi
	if [ -n "${VERBOSE:-}" ]; then
		printf '     %d rounds (a build takes %d ms): %d killed ' \
		    "$rounds" "$ms" "$killed"
		printf '(%d while renaming), %d finished\n' "$mixed" \
		    "$finished"
	fi
	if [ -s "$problems" ]; then
		fail "kill test: an output was damaged" "$(head -10 "$problems")"
	else
		pass "kill test: $rounds builds killed or not, every output old or new"
	fi
	# a whole build after all that: exactly the new outputs, no leftovers
	kill_round
	"$ISMSC" build -q -o "$K/out" "$K/v2" > /dev/null 2>&1
	for r in 1 2 3 4 5; do
		timeout -s KILL "0.0$r" "$ISMSC" build -q -o "$K/out" "$K/v2" \
		    > /dev/null 2>&1
	done
	"$ISMSC" build -q -o "$K/out" "$K/v2" > /dev/null 2>&1
	check "kill test: the next build is whole and leaves nothing behind" \
	    test -z "$(same_tree "$K/out" "$K/ref2")"
fi
