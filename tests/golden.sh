# Golden page trees: each tests/golden/NAME.xml is a layout document that
# exercises one typesetting rule; `ismsc typeset --dump-pages` must print
# exactly tests/golden/NAME.pages (page tree, then any diagnostics).
# `make regen-golden` shows each difference and asks before replacing.
for layout in tests/golden/*.xml; do
	name=$(basename "$layout" .xml)
	want="tests/golden/$name.pages"
	got="$TMP/golden-$name.pages"
	"$ISMSC" typeset --dump-pages "$layout" > "$got" 2>&1
	if [ ! -f "$want" ]; then
		fail "golden $name: no $want (make regen-golden)"
	elif ! diff -u "$want" "$got" > "$got.diff"; then
		fail "golden $name: the page tree changed" "$(head -40 "$got.diff")"
	else
		pass "golden $name"
	fi
done
