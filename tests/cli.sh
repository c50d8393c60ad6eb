# Command line conventions: --help for the tool and for every command of
# its table, --version, -q and -v, the documented exit statuses, and the
# progress lines a build shows on a terminal only.
CLI="$TMP/cli"
mkdir -p "$CLI"

check "ismsc --help exits 0" "$ISMSC" --help
check "ismsc -h exits 0" "$ISMSC" -h
commands=$("$ISMSC" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
check "ismsc --help lists commands" test -n "$commands"
# the commands of src/main.c's table, all of them in --help
table=$(sed -n '/^} commands\[\] = {/,/^};/p' src/main.c | grep -o '{ "[a-z-]*"' | sed 's/{ "//; s/"//')
missing=""
for c in $table; do
	case " $(echo $commands) " in *" $c "*) ;; *) missing="$missing $c" ;; esac
done
check "ismsc --help lists every command of src/main.c" test -z "$missing"
for c in $commands; do
	"$ISMSC" "$c" --help > "$CLI/help-$c" 2>&1
	check "ismsc $c --help exits 0" test $? -eq 0
	check "ismsc $c --help shows usage, -q, -v, --strict and exit statuses" \
	    sh -c "grep -q '^Usage:' '$CLI/help-$c' && grep -q -- '-q, --quiet' '$CLI/help-$c' &&
		grep -q -- '-v, --verbose' '$CLI/help-$c' && grep -q -- '--strict' '$CLI/help-$c' &&
		grep -qi 'exit status' '$CLI/help-$c'"
	"$ISMSC" "$c" --no-such-option > /dev/null 2>&1
	check "ismsc $c --no-such-option exits 2" test $? -eq 2
	"$ISMSC" "$c" -q -v > /dev/null 2> "$CLI/qv-$c"
	check "ismsc $c -q -v exits 2" sh -c "test $? -eq 2 && grep -q 'cannot be combined' '$CLI/qv-$c'"
done

version=$(sed -n 's/^VERSION = //p' Makefile)
check "ismsc --version prints the Makefile's version" \
    test "$("$ISMSC" --version)" = "ismsc $version"
"$ISMSC" > /dev/null 2>&1
check "ismsc without a command exits 2" test $? -eq 2
"$ISMSC" no-such-command > /dev/null 2>&1
check "an unknown command exits 2" test $? -eq 2
"$ISMSC" check "$CLI/no-such-folder" > /dev/null 2>&1
check "check of a missing folder exits 3" test $? -eq 3
"$ISMSC" check policies policies > /dev/null 2>&1
check "check with two folders exits 2" test $? -eq 2

# -v: a summary for check, a line per document for build; -q: errors only
"$ISMSC" check -v policies 2> "$CLI/check-v"
check "check -v summarises the ISMS" grep -q '^ismsc: policies: no errors: [0-9]* controls ([0-9]* applicable' "$CLI/check-v"
"$ISMSC" build -v -o "$CLI/out-v" policies 2> "$CLI/build-v"
docs=$(find "$CLI/out-v" -name '*.pdf' -o -name '*.csv' | wc -l)
lines=$(grep -c '^ismsc: \(\[ *[0-9]*/[0-9]*\] \)\?[a-z/A-Z0-9._-]*\.\(pdf\|csv\)$' "$CLI/build-v")
check "build -v prints a line per document written ($docs)" test "$lines" -eq "$docs"

# Progress: a build that runs for more than a second shows a line per
# document on a terminal, from the first second on; none when stderr is
# not a terminal, none with -q. A larger ISMS makes the build long enough.
# Timing-bound: skipped when ISMSC_SLOW is above 5 (valgrind), as in
# tests/hostile.sh.
if [ "${ISMSC_SLOW:-1}" -gt 5 ]; then
	[ -z "${VERBOSE:-}" ] || echo "skip the progress lines (ISMSC_SLOW=$ISMSC_SLOW)"
else
cp -r policies "$CLI/big"
pol=$(ls policies/documents/*.xml | head -1)
i=1
while [ $i -le 40 ]; do
	sed "s/<policy id=\"[^\"]*\"/<policy id=\"BIG-$i\"/" "$pol" > "$CLI/big/documents/BIG-$i.xml"
	i=$((i + 1))
done
if command -v script > /dev/null; then
	start=$(date +%s%N)
	script -qec "'$ISMSC' build -j 1 -o '$CLI/out-tty' '$CLI/big'" /dev/null > "$CLI/tty" 2>&1
	took=$(( ($(date +%s%N) - start) / 1000000 ))
	total=$(grep -o '\[ *[0-9]*/[0-9]*\]' "$CLI/tty" | tail -1 | sed 's/.*\///; s/\]//')
	check "the large build takes over a second (${took} ms), so progress is due" test "$took" -gt 1200
	check "on a terminal, a long build shows a progress line per document" \
	    grep -q "^ismsc: \[ *$total/$total\] " "$CLI/tty"
	check "progress starts after the first second, not at once" \
	    sh -c "! grep -q '^ismsc: \[ *1/' '$CLI/tty'"
	script -qec "'$ISMSC' build -q -o '$CLI/out-ttyq' '$CLI/big'" /dev/null > "$CLI/ttyq" 2>&1
	check "on a terminal, -q prints nothing for a clean ISMS, no progress" \
	    sh -c "test ! -s '$CLI/ttyq' || { head -5 '$CLI/ttyq'; exit 1; }"
else
	fail "script(1) is needed to test progress on a terminal"
fi
"$ISMSC" build -o "$CLI/out-pipe" "$CLI/big" 2> "$CLI/pipe"
check "not on a terminal, a long build shows no progress" sh -c "! grep -q '^ismsc: \[' '$CLI/pipe'"
fi

# the manual page has a synopsis line for every command of the table
man=$(mandoc -T ascii doc/ismsc.1 | sed "s/.\x08//g")
undocumented=""
for c in $table; do
	case "$man" in *"ismsc $c "*) ;; *) undocumented="$undocumented $c" ;; esac
done
check "ismsc(1) has a synopsis for every command of src/main.c" test -z "$undocumented"
[ -z "$undocumented" ] || echo "     not in ismsc(1):$undocumented"
