#!/bin/sh
# The test suite: `make check` runs it as tests/run.sh ISMSC [UNIT...].
# Unit test binaries first, then end-to-end builds of the example checked
# with independent PDF readers, then the corpus of bad inputs. Prints one
# line per failure and a closing "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
ISMSC=$(realpath "$1")
shift
export ISMSC_DATADIR="$PWD"
export SOURCE_DATE_EPOCH=1767225600    # 2026-01-01, fixed for byte checks
# this repository's own history is not the example's: its sources are
# read as outside git (tests/git.sh makes repositories of its own)
export GIT_CEILING_DIRECTORIES="$PWD"
. tests/lib.sh
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for unit in "$@"; do
	check "unit $(basename "$unit")" "$unit"
done
. tests/e2e.sh
. tests/golden.sh
. tests/bad.sh
. tests/hostile.sh
. tests/cli.sh
. tests/csv.sh
. tests/init.sh
. tests/install.sh
. tests/pack.sh
. tests/git.sh
. tests/i18n.sh
. tests/fast.sh
. tests/jobs.sh

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
