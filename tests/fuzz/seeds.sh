#!/bin/sh
# Seed corpora for make fuzz, made of the test inputs:
#   OUT/load:   source sets (their files joined by NUL bytes, as fuzz_load
#               reads them) and single source files;
#   OUT/layout: layout documents: tests/golden/ and the example's.
# Usage: tests/fuzz/seeds.sh ISMSC OUT (from the repository root).
set -eu
ismsc=$1
out=$2
rm -rf "$out"
mkdir -p "$out/load" "$out/layout"

join() {
	sep=
	for f in "$@"; do
		printf "$sep"
		cat "$f"
		sep='\0'
	done
}
# shellcheck disable=SC2046
join $(find tests/bad/base -name '*.xml' | sort) > "$out/load/bad-base"
# shellcheck disable=SC2046
join $(find policies -name '*.xml' | sort) > "$out/load/policies"
n=0
for f in $(find tests/bad tests/hostile policies -name '*.xml' -size -64k |
    sort); do
	cp "$f" "$out/load/file-$n.xml"
	n=$((n + 1))
done

cp tests/golden/*.xml "$out/layout/" 2> /dev/null || true
ISMSC_DATADIR=. SOURCE_DATE_EPOCH=1767225600 "$ismsc" build -q \
    --dump layout -o "$out/unused" policies |
    awk -v d="$out/layout" '/^<\?xml / { n++ } { print > (d "/example-" n ".xml") }'
echo "seeds: $(ls "$out/load" | wc -l) source sets and files," \
    "$(ls "$out/layout" | wc -l) layouts"
