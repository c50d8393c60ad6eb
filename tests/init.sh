# ismsc init: a new repository whose check lists exactly the decisions to
# make, one per Annex A control, and which builds once they are made.
# Editors: every source init writes, and every source of the example,
# points with an xml-model instruction at a schema that validates it.
INIT="$TMP/init"
NEW="$INIT/acme"
CAT=stylesheets/data/annex-a-2022.xml
mkdir -p "$INIT"

"$ISMSC" init --name 'Acme & Sons <Ltd>' "$NEW" > "$INIT/init.out" 2> "$INIT/init.err"
check "init makes a new repository" test $? -eq 0 -a ! -s "$INIT/init.err"
check "init says what to do next" grep -q "ismsc check" "$INIT/init.out"
for f in organization.xml risk-methodology.xml risks.xml controls.xml \
    policies/POL-01-information-security.xml schema/sources.rng .gitignore \
    .github/workflows/ismsc.yml; do
	check "init wrote $f" test -s "$NEW/$f"
done
check "init: .gitignore ignores out/" grep -qx '/out/' "$NEW/.gitignore"
check "init: the CI example runs check --strict on pull requests" sh -c \
    "grep -q '^  pull_request:' '$NEW/.github/workflows/ismsc.yml' &&
     grep -q 'run: ismsc check --strict' '$NEW/.github/workflows/ismsc.yml'"
check "init: the organization's name is kept as text" test \
    "$(xmllint --xpath 'string(/organization/name)' "$NEW/organization.xml")" = 'Acme & Sons <Ltd>'
n=$(xmllint --xpath 'count(//control)' "$CAT")
check "init: controls.xml lists the $n controls, none decided" test \
    "$(xmllint --xpath 'count(/controls/control[@applicable="undecided"])' "$NEW/controls.xml")" -eq "$n"
check "init: each control's title is beside it" \
    grep -q '<control id="5.23" applicable="undecided"/>  <!-- Information security for use of cloud services -->' "$NEW/controls.xml"

# check lists each decision, at its line, and nothing else as an error
(cd "$NEW" && "$ISMSC" check) > /dev/null 2> "$INIT/check.err"
check "check of a new repository fails with status 1" test $? -eq 1
got=$(grep -c '^controls.xml:[0-9]*:[0-9]*: error: control .* applicability not decided: .*\[applicability-undecided\]$' "$INIT/check.err")
check "check lists each of the $n controls to decide ($got)" test "$got" -eq "$n"
missing=$(xmllint --xpath '//control/@id' "$CAT" | sed 's/^ *id="\(.*\)"$/\1/' |
	while read -r id; do
		line=$(grep -n "<control id=\"$id\" " "$NEW/controls.xml" | cut -d: -f1)
		grep -q "^controls.xml:$line:[0-9]*: error: control $id (" "$INIT/check.err" || echo "$id"
	done)
check "check names every control by id and title, at its line" test -z "$missing"
[ -z "$missing" ] || printf '%s\n' "$missing" | head -3 | sed 's/^/     not reported: /'
readme=$(grep '^controls.xml:[0-9]*:[0-9]*: error: control 5.1 ' README.md)
check "the README shows check's first line as it is" sh -c \
    "test -n \"\$1\" && grep -qxF \"\$1\" '$INIT/check.err'" - "$readme"
others=$(grep ': error: ' "$INIT/check.err" | grep -v '\[applicability-undecided\]$')
check "check reports no other error in a new repository" test -z "$others"
[ -z "$others" ] || printf '%s\n' "$others" | head -3 | sed 's/^/     /'

# the decisions made (two controls for the starter risk, 5.1 for the
# starter policy, the rest excluded): the repository builds
sed -i -E \
    -e 's#<control id="(6\.3|8\.5)" applicable="undecided"/>#<control id="\1" applicable="yes" status="implemented" owner="ciso"><reason type="risk">R-001.</reason><evidence>Test.</evidence></control>#' \
    -e 's#<control id="5\.1" applicable="undecided"/>#<control id="5.1" applicable="yes" status="implemented" owner="ciso"><reason type="best-practice">Test.</reason><evidence>POL-01.</evidence></control>#' \
    -e 's#<control id="([0-9.]+)" applicable="undecided"/>#<control id="\1" applicable="no"><justification>Test.</justification></control>#' \
    "$NEW/controls.xml"
sed -i 's#<control ref="5.1"/>#<control ref="5.1"/><control ref="6.3"/><control ref="8.5"/>#' \
    "$NEW/policies/POL-01-information-security.xml"
(cd "$NEW" && "$ISMSC" build -q) > /dev/null 2> "$INIT/build.err"
check "once every control is decided, the new repository builds" test $? -eq 0
[ ! -s "$INIT/build.err" ] || sed 's/^/     /' "$INIT/build.err" | head -5
check "the build wrote the SoA into out/" test -s "$NEW/out/statement-of-applicability.pdf"
check "the SoA is the new organization's" sh -c \
    "pdfinfo '$NEW/out/statement-of-applicability.pdf' | grep -q '^Author: *Acme & Sons <Ltd>'"

# nothing is overwritten: a folder holding one of init's files is left alone
mkdir -p "$INIT/taken/.git"
echo mine > "$INIT/taken/controls.xml"
"$ISMSC" init "$INIT/taken" > /dev/null 2> "$INIT/taken.err"
check "init refuses a folder holding its files (exit 3)" test $? -eq 3
check "init names the file it would overwrite" grep -q "taken/controls.xml: error: already exists" "$INIT/taken.err"
check "init wrote nothing there" sh -c "test \"\$(cat '$INIT/taken/controls.xml')\" = mine && test ! -e '$INIT/taken/organization.xml'"
rm "$INIT/taken/controls.xml"
check "init accepts a folder that is already a git repository" "$ISMSC" init -q "$INIT/taken"

# --update-schema replaces the repository's copy with ismsc's schema only
echo stale > "$NEW/schema/sources.rng"
check "init --update-schema" "$ISMSC" init -q --update-schema "$NEW"
check "init --update-schema copies the current schema" cmp schema/sources.rng "$NEW/schema/sources.rng"

# Editors: the xml-model instruction of every source names a schema, by a
# path relative to the file, that validates the file
pi_href() {
	xmllint --xpath 'string(/processing-instruction("xml-model"))' "$1" 2>/dev/null |
	    sed -n 's/.*href="\([^"]*\)".*schematypens="http:\/\/relaxng.org\/ns\/structure\/1.0".*/\1/p'
}
rm -rf "$NEW/out"
bad=""
for f in $(find "$INIT/taken" -name '*.xml') $(find policies -name '*.xml'); do
	href=$(pi_href "$f")
	if [ -z "$href" ]; then
		bad="$bad
$f: no xml-model instruction for RELAX NG"
	elif ! xmllint --noout --relaxng "$(dirname "$f")/$href" "$f" 2> "$INIT/editor.err"; then
		bad="$bad
$f: $href does not validate it: $(head -1 "$INIT/editor.err")"
	fi
done
check "every source of init and of the example points editors at its schema" test -z "$bad"
[ -z "$bad" ] || printf '%s\n' "$bad" | head -6 | sed 's/^/     /'

# ismsc-sources(5) describes every element and attribute of the schema
man5=$(mandoc -T ascii doc/ismsc-sources.5 | sed "s/.\x08//g")
undocumented=""
for e in $(grep -o 'element name="[a-z-]*"' schema/sources.rng | sed 's/.*="\(.*\)"/\1/' | sort -u); do
	case "$man5" in *"<$e>"*|*"<$e "*|*"<$e/>"*) ;; *) undocumented="$undocumented <$e>" ;; esac
done
for a in $(grep -o 'attribute name="[a-z-]*"' schema/sources.rng | sed 's/.*="\(.*\)"/\1/' | sort -u); do
	printf '%s\n' "$man5" | grep -qw -- "$a" || undocumented="$undocumented $a="
done
check "ismsc-sources(5) describes every element and attribute of the schema" test -z "$undocumented"
[ -z "$undocumented" ] || echo "     not in ismsc-sources(5):$undocumented"
