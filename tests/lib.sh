# Shared by the test scripts: counting checks and reporting failures.
# A check is a name and a command; the command's exit status decides.
passed=0
failed=0

pass() {
	passed=$((passed + 1))
	[ -z "${VERBOSE:-}" ] || printf 'ok   %s\n' "$1"
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$1"
	[ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/     /'
}

check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# normalise TEXT: letters and digits only, so that words a PDF reader
# splits over lines or hyphenates still compare equal
squash() {
	sed 's/\xc2\xad//g; s/-//g' | tr -d ' \n\t\f\r'
}

# whether TEXT contains STRING
contains() { case "$1" in *"$2"*) return 0 ;; esac; return 1; }
