# Bad inputs: each folder tests/bad/CASE holds files laid over a copy of
# tests/bad/base (a small valid ISMS), optionally a script `edit` run in
# that copy, and `expected`: the exact diagnostics. The build must fail
# with status 1 (or the number in `status`), print exactly `expected`, and
# leave an earlier output folder untouched.
for case in tests/bad/*/; do
	name=$(basename "$case")
	[ "$name" = base ] && continue
	work="$TMP/bad-$name"
	mkdir -p "$work/out"
	cp -r tests/bad/base "$work/src"
	for f in $(cd "$case" && find . -type f ! -name expected ! -name edit \
	    ! -name status); do
		mkdir -p "$work/src/$(dirname "$f")"
		cp "$case/$f" "$work/src/$f"
	done
	[ ! -f "$case/edit" ] || (cd "$work/src" && sh "$OLDPWD/$case/edit")
	echo "earlier output" > "$work/out/statement-of-applicability.pdf"
	want=1
	[ ! -f "$case/status" ] || want=$(cat "$case/status")
	(cd "$work" && "$ISMSC" build -o out src > stdout 2> stderr)
	got=$?
	if [ "$got" != "$want" ]; then
		fail "bad $name: exit status $got, expected $want" "$(cat "$work/stderr")"
	elif ! diff -u "$case/expected" "$work/stderr" > "$work/diff"; then
		fail "bad $name: diagnostics differ" "$(cat "$work/diff")"
	elif [ "$(cat "$work/out/statement-of-applicability.pdf")" != "earlier output" ] ||
	    [ "$(find "$work/out" -type f | wc -l)" -ne 1 ]; then
		fail "bad $name: the output folder was changed"
	else
		pass "bad $name"
	fi
done
