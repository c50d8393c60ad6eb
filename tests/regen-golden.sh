#!/bin/sh
# Regenerate the golden page trees, one reviewed change at a time: for
# each case whose tree differs, show the difference and ask.
# usage: tests/regen-golden.sh ISMSC [-y]
set -u
cd "$(dirname "$0")/.." || exit 2
ISMSC=$(realpath "$1")
yes=${2:-}
export ISMSC_DATADIR="$PWD" SOURCE_DATE_EPOCH=1767225600
for layout in tests/golden/*.xml; do
	name=$(basename "$layout" .xml)
	want="tests/golden/$name.pages"
	new=$(mktemp)
	"$ISMSC" typeset --dump-pages "$layout" > "$new" 2>&1
	if [ -f "$want" ] && cmp -s "$want" "$new"; then
		rm -f "$new"
		continue
	fi
	if [ -f "$want" ]; then
		diff -u "$want" "$new" | ${PAGER:-less}
	else
		echo "new golden: $want ($(wc -l < "$new") lines)"
	fi
	answer=n
	if [ "$yes" = -y ]; then
		answer=y
	else
		printf 'replace %s? [y/N] ' "$want"
		read -r answer < /dev/tty
	fi
	case "$answer" in
	y|Y) mv "$new" "$want"; echo "replaced $want" ;;
	*) rm -f "$new"; echo "kept $want" ;;
	esac
done
