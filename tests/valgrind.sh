#!/bin/sh
# make check-valgrind: tests/run.sh with ismsc and every test binary run
# under valgrind's memcheck. Any error (invalid access, uninitialised
# value, a definite leak not in tests/valgrind.supp) makes the program exit
# with status 99, which fails its check. Timing-bound tests (the kill test,
# the pathological layouts) are skipped: ISMSC_SLOW is set high.
# Usage: tests/valgrind.sh ISMSC [UNIT...] (from the repository root).
set -u
cd "$(dirname "$0")/.." || exit 2
W="$PWD/build/valgrind"
mkdir -p "$W"
wrap() {
	cat > "$W/$(basename "$1")" <<END
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
    --suppressions="$PWD/tests/valgrind.supp" --num-callers=30 \\
    "$(realpath "$1")" "\$@"
END
	chmod +x "$W/$(basename "$1")"
	echo "$W/$(basename "$1")"
}
ismsc=$(wrap "$1")
shift
units=
for u in "$@"; do
	units="$units $(wrap "$u")"
done
# shellcheck disable=SC2086
ISMSC_SLOW=30 exec sh tests/run.sh "$ismsc" $units
