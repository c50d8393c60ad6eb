# Revision data from git, DRAFT marking, and change reports, on a
# repository with a scripted history made here from tests/bad/base. The
# names and dates are fixed, so the commits and their hashes are the same
# on every run; the user's git configuration is not read.
G="$TMP/git"
R="$G/repo"
mkdir -p "$G"
cp -r tests/bad/base "$R"
lacks() { ! contains "$@"; }
gitr() {
	(cd "$R" && env GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
	    GIT_AUTHOR_NAME=ISMS GIT_AUTHOR_EMAIL=isms@example \
	    GIT_COMMITTER_NAME=ISMS GIT_COMMITTER_EMAIL=isms@example \
	    GIT_AUTHOR_DATE="${DATE:-}" GIT_COMMITTER_DATE="${DATE:-}" "$@")
}
commit() {
	DATE=$1
	shift
	gitr git add -A && gitr git commit -q -m "$*"
	gitr git rev-parse --short=10 HEAD
}
# pdftotext of a document of OUT, letters and digits only
text() { pdftotext "$1" - | squash; }
# number of pages of a PDF, and of those that say DRAFT
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
draft_pages() {
	n=0
	for i in $(seq 1 "$(pages "$1")"); do
		pdftotext -f "$i" -l "$i" "$1" - | grep -q DRAFT && n=$((n + 1))
	done
	echo "$n"
}
rev_row() { printf 'Revision %s' "$*" | squash; }

gitr git init -q
C1=$(commit 2026-02-01T09:00:00Z First issue of the ISMS)

# c2: a management review's changes: scope, a control, a risk re-scored,
# a risk added and accepted, and a new approved version of the policy
sed -i "s/The fixture's one product./The fixture's two products./" "$R/organization.xml"
sed -i 's|<issue id="I-1" type="internal">A small team.</issue>|&\n    <issue id="I-2" type="external">A new regulator.</issue>|' "$R/organization.xml"
sed -i 's|<control id="5.1" applicable="yes" status="implemented" owner="ceo">|<control id="5.1" applicable="yes" status="implemented" owner="ciso">|' "$R/controls.xml"
sed -i 's|<control id="5.2" applicable="no"><justification>Out of the fixture.</justification>|<control id="5.2" applicable="no"><justification>Not needed by the fixture.</justification>|' "$R/controls.xml"
sed -i 's|<inherent likelihood="3" impact="2"/>|<inherent likelihood="2" impact="2"/>|' "$R/risks.xml"
sed -i 's|</risks>|  <risk id="R-2" owner="ceo">\n    <title>Key person leaves</title>\n    <asset>Know-how</asset>\n    <threat>Departure.</threat>\n    <vulnerability>One administrator.</vulnerability>\n    <inherent likelihood="1" impact="2"/>\n    <treatment option="retain">\n      <rationale>Accepted for now.</rationale>\n    </treatment>\n    <residual likelihood="1" impact="2"/>\n    <approval by="ceo" date="2026-03-02"/>\n    <acceptance by="ceo" date="2026-03-02"/>\n  </risk>\n</risks>|' "$R/risks.xml"
sed -i 's|version="1.0" owner="ciso" approver="ceo" approved="2026-01-15"|version="1.1" owner="ciso" approver="ceo" approved="2026-03-02"|' "$R/documents/POL-1.xml"
sed -i 's|<revision version="1.0" date="2026-01-15" author="ciso">First issue.</revision>|&\n    <revision version="1.1" date="2026-03-02" author="ciso">Scope of protection widened.</revision>|' "$R/documents/POL-1.xml"
sed -i "s|Everyone protects the fixture's information|Everyone protects the fixture's information and its customers' data|" "$R/documents/POL-1.xml"
sed -i 's|</policy>|  <section id="s-2">\n    <title>Exceptions</title>\n    <p>Exceptions are approved by the CEO.</p>\n  </section>\n</policy>|' "$R/documents/POL-1.xml"
C2=$(commit 2026-03-02T09:00:00Z Management review 2026)

# c3: the policy's text changed without a new approval
sed -i "s|and its customers' data|and its customers’ data|" "$R/documents/POL-1.xml"
C3=$(commit 2026-04-01T09:00:00Z Typography)

check "git: a scripted history of three commits" test -n "$C1" -a -n "$C2" -a -n "$C3"

# built from HEAD (c3), dated by HEAD
O="$G/out"
(unset SOURCE_DATE_EPOCH; "$ISMSC" build -q -o "$O" "$R")
check "git: build in a repository" test -s "$O/policies/POL-1.pdf"
pol=$(text "$O/policies/POL-1.pdf")
rtp=$(text "$O/risk-treatment-plan.pdf")
soa=$(text "$O/statement-of-applicability.pdf")
check "git: the policy's revision is its last commit (c3)" contains "$pol" "$(rev_row "$C3 of 2026-04-01")"
check "git: the RTP's revision is the last commit of its sources (c2)" contains "$rtp" "$(rev_row "$C2 of 2026-03-02")"
check "git: the SoA's revision counts the policies it lists (c3)" contains "$soa" "$(rev_row "$C3 of 2026-04-01")"
check "git: the build date is HEAD's commit date" contains "$soa" "$(printf 'Build date 2026-04-01' | squash)"
check "git: the PDFs are dated by HEAD" sh -c "pdfinfo '$O/risk-treatment-plan.pdf' | grep -q 'CreationDate: *Wed Apr  1 09:00:00 2026 UTC'"
check "git: a policy changed after its approval says so" contains "$pol" "$(printf 'changed since approval' | squash)"
check "git: ... and is DRAFT on every page" test "$(draft_pages "$O/policies/POL-1.pdf")" -eq "$(pages "$O/policies/POL-1.pdf")"
check "git: committed documents are not DRAFT (RTP)" test "$(draft_pages "$O/risk-treatment-plan.pdf")" -eq 0
check "git: committed documents are not DRAFT (SoA)" test "$(draft_pages "$O/statement-of-applicability.pdf")" -eq 0

# an uncommitted change to the risks: the documents that show them are
# drafts; the policy, which does not, keeps its revision data
sed -i 's|<title>Stolen laptop</title>|<title>Stolen or lost laptop</title>|' "$R/risks.xml"
(unset SOURCE_DATE_EPOCH; "$ISMSC" build -q -o "$O" "$R")
check "git: uncommitted changes make the RTP DRAFT on every page" \
    test "$(draft_pages "$O/risk-treatment-plan.pdf")" -eq "$(pages "$O/risk-treatment-plan.pdf")"
check "git: ... and the SoA, which lists the risks" \
    test "$(draft_pages "$O/statement-of-applicability.pdf")" -eq "$(pages "$O/statement-of-applicability.pdf")"
check "git: ... and the RTP says so" contains "$(text "$O/risk-treatment-plan.pdf")" \
    "$(rev_row "$C2 of 2026-03-02, with uncommitted changes")"
check "git: a document not made from them is untouched" lacks "$(text "$O/policies/POL-1.pdf")" \
    "$(printf 'uncommitted' | squash)"

# the change report between two commits
D="$G/diff"
"$ISMSC" diff -q -C "$R" -o "$D" "$C1" "$C2" > "$G/diff.txt"
check "git: ismsc diff REV1 REV2" test $? -eq 0
cat > "$G/diff.want" <<EOF
Changes to the ISMS of Test Fixture Ltd
from $C1 ($C1 of 2026-02-01) to $C2 ($C2 of 2026-03-02)

Scope
  statement: changed
    text:
      - The fixture's one product.
      + The fixture's two products.

Context
  issue I-2: added
    type:
      + external
    text:
      + A new regulator.

Controls
  control A.5.1 Policies for information security: changed
    owner:
      - Chief Executive Officer (Ada Example)
      + Information Security Manager (Bo Example)
  control A.5.2 Information security roles and responsibilities: changed
    justification:
      - Out of the fixture.
      + Not needed by the fixture.

Risks
  risk R-1 Stolen laptop: changed, rescored
    inherent:
      - likelihood 3, impact 2: score 6 (High)
      + likelihood 2, impact 2: score 4 (Medium)
  risk R-2 Key person leaves: added, accepted
    inherent:
      + likelihood 1, impact 2: score 2 (Low)
    residual:
      + likelihood 1, impact 2: score 2 (Low)
    treatment:
      + retain

Policies
  policy POL-1 Information Security Policy: changed
    version:
      - 1.0
      + 1.1
    approval:
      - Chief Executive Officer (Ada Example), 2026-01-15
      + Chief Executive Officer (Ada Example), 2026-03-02
    section Policy (s-1): changed
      paragraph changed:
        - Everyone protects the fixture's information, see A.8.1 User endpoint devices.
        + Everyone protects the fixture's information and its customers' data, see A.8.1 User endpoint devices.
    section Exceptions (s-2): added
      paragraph added:
        + Exceptions are approved by the CEO.

7 changes
EOF
check "git: the change report between c1 and c2" diff -u "$G/diff.want" "$G/diff.txt"
check "git: the change report as PDF" qpdf --check "$D/change-report.pdf"
report=$(text "$D/change-report.pdf")
check "git: the PDF has the old paragraph" contains "$report" \
    "$(printf "Everyone protects the fixture's information, see" | squash)"
check "git: ... and the new one" contains "$report" \
    "$(printf "Everyone protects the fixture's information and its" | squash)"
check "git: the PDF names the re-scored and the accepted risk" contains "$report" \
    "$(printf 'R-1 Stolen laptop: changed, re-scored' | squash)"
check "git: ... and the newly accepted one" contains "$report" \
    "$(printf 'R-2 Key person leaves: added, newly accepted' | squash)"
# against the work tree, which has the uncommitted risk title
"$ISMSC" diff -q --no-pdf -C "$R" "$C3" > "$G/diff2.txt"
check "git: ismsc diff REV compares with the work tree" grep -q \
    "^  risk R-1 Stolen or lost laptop: changed" "$G/diff2.txt"
check "git: ... and says so" grep -q "^from $C3 ($C3 of 2026-04-01) to the work tree" "$G/diff2.txt"
"$ISMSC" diff -q --no-pdf -C "$R" no-such-revision > /dev/null 2>&1
check "git: diff with an unknown revision exits 2" test $? -eq 2

# approved again: no longer a draft; the pack's index says so
gitr git checkout -q -- risks.xml
sed -i 's|version="1.1" owner="ciso" approver="ceo" approved="2026-03-02"|version="1.2" owner="ciso" approver="ceo" approved="2026-05-04"|' "$R/documents/POL-1.xml"
sed -i 's|<revision version="1.1" date="2026-03-02" author="ciso">Scope of protection widened.</revision>|&\n    <revision version="1.2" date="2026-05-04" author="ciso">Typography.</revision>|' "$R/documents/POL-1.xml"
C4=$(commit 2026-05-04T09:00:00Z Policy 1.2 approved)
(unset SOURCE_DATE_EPOCH; "$ISMSC" pack -q -o "$O" "$R")
check "git: re-approved, the policy is no longer DRAFT" test "$(draft_pages "$O/policies/POL-1.pdf")" -eq 0
check "git: its revision is the approving commit" contains "$(text "$O/policies/POL-1.pdf")" "$(rev_row "$C4 of 2026-05-04")"
index=$(text "$O/index.pdf")
check "git: the index gives the pack's source revision" contains "$index" \
    "$(printf 'Source revision %s of 2026-05-04' "$C4" | squash)"
check "git: the index gives the approval state" contains "$index" "$(printf 'Approved 2026-05-04' | squash)"
check "git: the pack verifies" sh -c "cd '$O' && sha256sum -c --quiet MANIFEST.sha256"
check "git: building wrote nothing in .git" test -z "$(gitr git status --porcelain)"

# outside git: no revision data, and no errors
mkdir -p "$G/plain"
(cd "$R" && tar cf - --exclude=.git .) | (cd "$G/plain" && tar xf -)
check "git: a build outside git" "$ISMSC" build -q -o "$G/plain-out" "$G/plain"
check "git: ... has no revision data" lacks "$(text "$G/plain-out/policies/POL-1.pdf")" "Revision$C4"
check "git: ... and no DRAFT" test "$(draft_pages "$G/plain-out/policies/POL-1.pdf")" -eq 0
"$ISMSC" diff -q --no-pdf -C "$G/plain" HEAD > /dev/null 2>&1
check "git: diff outside git exits 2" test $? -eq 2
