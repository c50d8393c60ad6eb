# The no-change rebuild (state.h, fingerprint.h): a build whose inputs
# and outputs are as the last build left them stops before loading
# anything; any change must make it build as usual. Each case has its own
# copy of an ISMS, built once the copies have settled (so that each
# records its fingerprint); then one thing changes in each, and its next
# build must not take the short cut and must write exactly what a build
# from nothing of the changed inputs writes.
F="$TMP/fast"
mkdir -p "$F"
# the data folder, copied so that one case can change a stylesheet
mkdir -p "$F/data" "$F/data2"
cp -r schema stylesheets fonts "$F/data/"
cp -r schema stylesheets fonts "$F/data2/"
# data files changed a moment ago are hashed again by the next build
# (state.h): let them settle, as installed ones have
sleep 2
fgit() {
	(cd "$1" && shift && env GIT_CONFIG_GLOBAL=/dev/null \
	    GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=ISMS \
	    GIT_AUTHOR_EMAIL=isms@example GIT_COMMITTER_NAME=ISMS \
	    GIT_COMMITTER_EMAIL=isms@example \
	    GIT_AUTHOR_DATE=2026-02-01T09:00:00Z \
	    GIT_COMMITTER_DATE="${CDATE:-2026-02-01T09:00:00Z}" "$@")
}
# fbuild CASE [OPTION...]: the build of case CASE, with its environment
# ($F/CASE.env, sourced in a subshell), into $F/CASE.out; -v output in
# $F/CASE.log
fbuild() {
	c=$1
	shift
	(export ISMSC_DATADIR="$F/data"; [ ! -f "$F/$c.env" ] || . "$F/$c.env"
	 "$ISMSC" build -v ${ISMSC_USERDIR_OPT:+--stylesheets "$F/$c.xsl"} "$@" \
	    -o "$F/$c.out" "$F/$c") > "$F/$c.log" 2>&1
}
# fresh CASE [OPTION...]: the outputs of CASE equal those of a build from
# nothing of its inputs as they are now
fresh() {
	c=$1
	shift
	rm -rf "$F/$c.ref"
	(export ISMSC_DATADIR="$F/data"; [ ! -f "$F/$c.env" ] || . "$F/$c.env"
	 "$ISMSC" build -q ${ISMSC_USERDIR_OPT:+--stylesheets "$F/$c.xsl"} "$@" \
	    -o "$F/$c.ref" "$F/$c") || return 1
	(cd "$F/$c.ref" && find . -type f ! -name '.*' | sort) > "$F/$c.want"
	(cd "$F/$c.out" && find . -type f ! -name '.*' | sort) > "$F/$c.have"
	diff "$F/$c.want" "$F/$c.have" || return 1
	while read -r f; do
		cmp "$F/$c.ref/$f" "$F/$c.out/$f" || return 1
	done < "$F/$c.want"
}
skipped() { grep -q 'nothing changed since the last build' "$F/$1.log"; }
# rebuilt CASE [OPTION...]: the build after the change did not skip, and
# made what a build from nothing makes
rebuilt() {
	c=$1
	shift
	fbuild "$c" "$@" || { cat "$F/$c.log"; return 1; }
	if skipped "$c"; then
		echo "the build was skipped"
		return 1
	fi
	fresh "$c" "$@"
}

cases="same warned source added removed stylesheet option epoch deleted
    altered commit staged unstaged index fallback logo userdir"
for c in $cases; do
	cp -r tests/bad/base "$F/$c"
done
# a logo is an input the loader does not parse
cp policies/logo.png "$F/logo/logo.png"
sed -i '0,/<\/name>/s##</name><branding logo="logo.png"/>#' "$F/logo/organization.xml"
# a stylesheet folder of the user's (--stylesheets)
mkdir -p "$F/userdir.xsl/messages"
cp stylesheets/messages/en.xml "$F/userdir.xsl/messages/en.xml"
echo "export ISMSC_USERDIR_OPT=1" > "$F/userdir.env"
for c in commit staged unstaged index fallback; do
	fgit "$F/$c" git init -q
	fgit "$F/$c" git add -A
	fgit "$F/$c" git commit -q -m "First issue"
	# dated by the commit
	echo "unset SOURCE_DATE_EPOCH" > "$F/$c.env"
done
# git's own discovery and status, run instead of reading .git
echo "unset SOURCE_DATE_EPOCH; export GIT_CONFIG_NOSYSTEM=1" > "$F/fallback.env"
# a policy due for review: loading warns, every time
echo "export SOURCE_DATE_EPOCH=1893456000" > "$F/warned.env"
# a data folder of its own, to change a stylesheet in
echo "export ISMSC_DATADIR='$F/data2'" > "$F/stylesheet.env"
ok=1
for c in $cases; do
	fbuild "$c" || ok=0
done
check "fast: the first builds" test "$ok" = 1
# so that a case below cannot pass for want of a recorded fingerprint
notskipped=
for c in $cases; do
	fbuild "$c" && skipped "$c" || notskipped="$notskipped $c"
done
none() { [ -z "$1" ] || { echo "not skipped:$1"; return 1; }; }
check "fast: every copy is skipped before its change" none "$notskipped"

fbuild same
check "fast: a rebuild with nothing changed is skipped" skipped same
check "fast: ... and leaves the outputs as they were" fresh same
grep -v 'ismsc: ' "$F/warned.log" > "$F/warned.said"
(export ISMSC_DATADIR="$F/data" SOURCE_DATE_EPOCH=1893456000
 "$ISMSC" build -o "$F/warned.out" "$F/warned") > "$F/warned.again" 2>&1
check "fast: ... and prints the warnings of loading again" sh -c \
    "grep -q warning '$F/warned.said' && cmp '$F/warned.said' '$F/warned.again'"

sed -i 's/Test Fixture Ltd/Test Fixture Renamed Ltd/' "$F/source/organization.xml"
check "fast: a changed source is built" rebuilt source
sed 's/POL-1/POL-2/g' "$F/added/documents/POL-1.xml" > "$F/added/documents/POL-2.xml"
check "fast: a new source file is built" rebuilt added
check "fast: ... into its document" test -f "$F/added.out/policies/POL-2.pdf"
rm "$F/removed/risks.xml"
fbuild removed
check "fast: a removed source file is noticed" sh -c "! grep -q 'nothing changed' '$F/removed.log'"
sed -i "s/select=\"i:t('soa.title')\"/select=\"concat(i:t('soa.title'), ' (changed)')\"/" "$F/data2/stylesheets/soa.xsl"
check "fast: a changed stylesheet is built" rebuilt stylesheet
check "fast: ... with it" sh -c "pdftotext '$F/stylesheet.out/statement-of-applicability.pdf' - | grep -q '(changed)'"
check "fast: another option is built" rebuilt option --strict
echo "export SOURCE_DATE_EPOCH=1767312000" > "$F/epoch.env"
check "fast: another SOURCE_DATE_EPOCH is built" rebuilt epoch
rm "$F/deleted.out/risk-treatment-plan.pdf"
check "fast: a deleted output is made again" rebuilt deleted
# the same size, another byte
printf 'X' | dd of="$F/altered.out/statement-of-applicability.pdf" bs=1 \
    seek=100 conv=notrunc 2> /dev/null
check "fast: an altered output is made again" rebuilt altered

# another image: the first page of an output, as a small PNG
pdftoppm -png -r 5 -singlefile "$F/logo.out/statement-of-applicability.pdf" "$F/logo/logo"
check "fast: a changed logo is built" rebuilt logo
sed -i 's#<m id="soa.title">Statement of Applicability</m>#<m id="soa.title">Statement of Applicability (mine)</m>#' "$F/userdir.xsl/messages/en.xml"
check "fast: a changed stylesheet of --stylesheets is built" rebuilt userdir
check "fast: ... with it" sh -c "pdftotext '$F/userdir.out/statement-of-applicability.pdf' - | grep -q '(mine)'"

CDATE=2026-03-01T09:00:00Z fgit "$F/commit" git commit -q --allow-empty -m "Review"
check "fast: a new commit is built" rebuilt commit
sed -i 's/Test Fixture Ltd/Test Fixture Staged Ltd/' "$F/staged/organization.xml"
fgit "$F/staged" git add organization.xml
check "fast: a staged change is built" rebuilt staged
sed -i 's/Test Fixture Ltd/Test Fixture Unstaged Ltd/' "$F/unstaged/organization.xml"
check "fast: an unstaged change is built" rebuilt unstaged
# the index alone: the file is no longer committed, its content the same
fgit "$F/index" git rm -q --cached organization.xml
check "fast: a change of the index alone is built" rebuilt index
check "fast: ... and marked DRAFT" sh -c "pdftotext '$F/index.out/statement-of-applicability.pdf' - | grep -q DRAFT"
fgit "$F/fallback" git rm -q --cached organization.xml
check "fast: ... also where git status is asked" rebuilt fallback
