# -j N (pipeline.c, "parallel rendering"): the documents made N at a
# time, in worker processes, come out byte for byte as made one at a
# time, with the same diagnostics in the same order, the same exit status
# and, when a document fails, every earlier output left as it was.
J="$TMP/jobs"
mkdir -p "$J"
# jbuild NAME N [OPTION...] DIR: build DIR with -j N into $J/NAME.out,
# stderr in $J/NAME.err, exit status in $J/NAME.rc
jbuild() {
	name=$1 n=$2
	shift 2
	"$ISMSC" build -v -j "$n" -o "$J/$name.out" "$@" 2> "$J/$name.err"
	echo $? > "$J/$name.rc"
}
# same_build A B: the same outputs (every file, the state file too), the
# same diagnostics and exit status
same_build() {
	diff -r "$J/$1.out" "$J/$2.out" && cmp "$J/$1.err" "$J/$2.err" &&
	    cmp "$J/$1.rc" "$J/$2.rc"
}
# data folders with a changed stylesheet, made first: data files changed
# a moment ago are hashed again by the next build (state.h)
# links to nowhere: warnings from making most documents
mkdir -p "$J/warn"
cp -r schema stylesheets fonts "$J/warn/"
sed -i 's|<xsl:when test="$link-controls">|<xsl:when test="true()">|; s|<a to="control-{@ref}">|<a to="nowhere-{@ref}">|' \
    "$J/warn/stylesheets/common.xsl"
# a stylesheet that stops on one policy, in the middle of the jobs
mkdir -p "$J/data"
cp -r schema stylesheets fonts "$J/data/"
sed -i 's|<xsl:apply-templates select="$selected"/>|<xsl:if test="$policy = '"'BIG-3'"'"><xsl:message terminate="yes">stopped at BIG-3</xsl:message></xsl:if>&|' \
    "$J/data/stylesheets/policy.xsl"
# a larger ISMS: more documents than workers
cp -r policies "$J/big"
pol=$(ls policies/documents/*.xml | head -1)
for i in 1 2 3 4 5 6; do
	sed "s/<policy id=\"[^\"]*\"/<policy id=\"BIG-$i\"/" "$pol" > "$J/big/documents/BIG-$i.xml"
done
jbuild one 1 "$J/big"
jbuild two 2 "$J/big"
jbuild many 7 "$J/big"
check "-j: the build one document at a time succeeds" test "$(cat "$J/one.rc")" = 0
check "-j 2: the same outputs, diagnostics and status as -j 1" same_build one two
check "-j 7: the same outputs, diagnostics and status as -j 1" same_build one many
check "-j: the default is the number of processors" sh -c \
    "'$ISMSC' build --help | grep -q 'default: the number of processors online'"
"$ISMSC" build -q -j 0 -o "$J/zero" "$J/big" 2> "$J/zero.err"
check "-j 0 is a usage error" test $? = 2
check "... said so" grep -q -- '-j 0: expected a number of jobs of at least 1' "$J/zero.err"

# pack: the same too
"$ISMSC" pack -q -j 1 -o "$J/pack1" "$J/big" 2> /dev/null
"$ISMSC" pack -q -j 3 -o "$J/pack3" "$J/big" 2> /dev/null
check "pack -j 3: the same pack as -j 1" diff -r "$J/pack1" "$J/pack3"

# warnings from making most documents, in their order
for n in 1 3; do
	(export ISMSC_DATADIR="$J/warn"; jbuild "warn$n" "$n" "$J/big")
done
check "-j: documents that warn" test "$(grep -c 'warning: link to' "$J/warn1.err")" -gt 10
check "-j 3: the same warnings in the same order as -j 1" same_build warn1 warn3

# the stylesheet that stops: the same first failure and diagnostics, no
# output written
for n in 1 2 5; do
	cp -r "$J/one.out" "$J/fail$n.out"
	(export ISMSC_DATADIR="$J/data"; jbuild "fail$n" "$n" --force "$J/big")
done
check "-j: the failing build stops with status 5" test "$(cat "$J/fail1.rc")" = 5
check "-j: ... at the document" grep -q 'stopped at BIG-3' "$J/fail1.err"
check "-j 2: the same failure, diagnostics and outputs as -j 1" same_build fail1 fail2
check "-j 5: the same failure, diagnostics and outputs as -j 1" same_build fail1 fail5
check "-j 5: every earlier output left as it was" diff -r "$J/one.out" "$J/fail5.out"
