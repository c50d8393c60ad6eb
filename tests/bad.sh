# Bad inputs: each folder tests/bad/CASE holds files laid over a copy of
# tests/bad/base (a small valid ISMS), optionally a script `edit` run in
# that copy, `command` (instead of `build -o out`, e.g. `check`), `args`
# (more options), and `expected`: the exact diagnostics. The build must exit with status 1 (or the number in
# `status`) and print exactly `expected`. A failing build must leave an
# earlier output folder untouched. A case that expects status 0 (a
# warning) is run again with --strict, which must fail with status 1 and
# the same diagnostics as errors.
for case in tests/bad/*/; do
	name=$(basename "$case")
	[ "$name" = base ] && continue
	work="$TMP/bad-$name"
	mkdir -p "$work/out"
	cp -r tests/bad/base "$work/src"
	for f in $(cd "$case" && find . -type f ! -name expected ! -name edit \
	    ! -name status ! -name args ! -name command); do
		mkdir -p "$work/src/$(dirname "$f")"
		cp "$case/$f" "$work/src/$f"
	done
	[ ! -f "$case/edit" ] || (cd "$work/src" && sh "$OLDPWD/$case/edit")
	want=1
	[ ! -f "$case/status" ] || want=$(cat "$case/status")
	command="build -o out"
	[ ! -f "$case/command" ] || command=$(cat "$case/command")
	args=""
	[ ! -f "$case/args" ] || args=$(cat "$case/args")
	runs="plain"
	[ "$want" != 0 ] || runs="plain strict"
	for run in $runs; do
		rm -rf "$work/out"
		mkdir -p "$work/out"
		echo "earlier output" > "$work/out/statement-of-applicability.pdf"
		if [ "$run" = strict ]; then
			# shellcheck disable=SC2086
			(cd "$work" && "$ISMSC" $command --strict $args src \
			    > stdout 2> stderr)
			got=$?
			wstatus=1
			sed 's/: warning: /: error: /' "$case/expected" > "$work/want"
			label="bad $name (--strict)"
		else
			# shellcheck disable=SC2086
			(cd "$work" && "$ISMSC" $command $args src > stdout \
			    2> stderr)
			got=$?
			wstatus=$want
			cp "$case/expected" "$work/want"
			label="bad $name"
		fi
		if [ "$got" != "$wstatus" ]; then
			fail "$label: exit status $got, expected $wstatus" "$(cat "$work/stderr")"
		elif ! diff -u "$work/want" "$work/stderr" > "$work/diff"; then
			fail "$label: diagnostics differ" "$(cat "$work/diff")"
		elif [ "$got" != 0 ] && {
		    [ "$(cat "$work/out/statement-of-applicability.pdf")" != "earlier output" ] ||
		    [ "$(find "$work/out" -type f | wc -l)" -ne 1 ]; }; then
			fail "$label: the output folder was changed"
		else
			pass "$label"
		fi
	done
done
