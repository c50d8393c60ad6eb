# Audit packs and incremental builds, on a copy of the example (read as
# outside git: run.sh sets GIT_CEILING_DIRECTORIES; tests/git.sh has the
# revision data).
#
# pack: the four outputs, a manifest `sha256sum -c` accepts, an index
# with every document's pages and hash, one PDF with a part (an outline
# entry) per document, signed packs that verify and altered ones that do
# not. build: only what a change affects is made again (the state file
# and the outputs' hashes and inodes prove it), a build with no change
# writes nothing, and incremental outputs are the bytes of a full build.
PK="$TMP/pack"
mkdir -p "$PK"
cp -r policies "$PK/src"

# ---- pack -------------------------------------------------------------------

check "pack the example" "$ISMSC" pack -q -o "$PK/out" "$PK/src"
for f in index.pdf audit-pack.pdf MANIFEST.sha256 \
    statement-of-applicability.pdf risk-treatment-plan.pdf; do
	check "pack: $f is there" test -s "$PK/out/$f"
done
check "pack: sha256sum -c MANIFEST.sha256 passes" \
    sh -c "cd '$PK/out' && sha256sum -c --quiet MANIFEST.sha256"
# the manifest lists every PDF of the pack, and nothing else
listed=$(awk '{ print $2 }' "$PK/out/MANIFEST.sha256" | sort)
present=$(cd "$PK/out" && find . -name '*.pdf' | sed 's|^\./||' | sort)
check "pack: the manifest lists every PDF of the pack" test "$listed" = "$present"
check "pack: one PDF per policy" test "$(ls "$PK/out/policies" | wc -l)" -eq \
    "$(ls "$PK/src/documents" | wc -l)"
check "ismsc verify accepts the pack" "$ISMSC" verify -q "$PK/out"

# the index: every document's title, page count and SHA-256
index=$(pdftotext -layout "$PK/out/index.pdf" -)
index_squashed=$(printf '%s' "$index" | squash)
bad=""
docs=0
pages_sum=0
for pdf in $(cd "$PK/out" && awk '{ print $2 }' MANIFEST.sha256 |
    grep -v -e '^index.pdf$' -e '^audit-pack.pdf$'); do
	info=$(pdfinfo "$PK/out/$pdf")
	title=$(printf '%s\n' "$info" | sed -n 's/^Title: *//p')
	pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
	hash=$(sha256sum "$PK/out/$pdf" | cut -c1-64)
	printf '%s\n' "$index" | grep -Eq "^ *$title .* $pages\$" ||
		bad="$bad $pdf(title/pages)"
	case "$index_squashed" in *"$hash"*) ;; *) bad="$bad $pdf(hash)" ;; esac
	docs=$((docs + 1))
	pages_sum=$((pages_sum + pages))
done
check "index.pdf: every document with its title, page count and SHA-256" test -z "$bad"
[ -z "$bad" ] || printf '     %s\n' "$bad"
check "index.pdf: the organization" contains "$index_squashed" "$(printf 'Northwind Ledger Ltd' | squash)"
check "index.pdf: the ISMS scope" contains "$index_squashed" \
    "$(xmllint --xpath 'string(/organization/scope/statement)' "$PK/src/organization.xml" | squash | cut -c1-60)"

# the audit pack: every document as a part, in one run
check "qpdf --check audit-pack.pdf" qpdf --check "$PK/out/audit-pack.pdf"
index_pages=$(pdfinfo "$PK/out/index.pdf" | sed -n 's/^Pages: *//p')
all_pages=$(pdfinfo "$PK/out/audit-pack.pdf" | sed -n 's/^Pages: *//p')
check "audit-pack.pdf: the index and each document on pages of their own ($all_pages pages)" \
    test "$all_pages" -eq $((pages_sum + index_pages))
outline=$(qpdf --json --json-key=outlines "$PK/out/audit-pack.pdf" |
    jq -r '.outlines[] | .title')
check "audit-pack.pdf: one outline entry per document ($docs and the index)" \
    test "$(printf '%s\n' "$outline" | wc -l)" -eq $((docs + 1))
check "audit-pack.pdf: each entry has its document's headings beneath" \
    test "$(qpdf --json --json-key=outlines "$PK/out/audit-pack.pdf" |
	jq '[.outlines[] | select((.kids | length) == 0)] | length')" -eq 0
check "audit-pack.pdf: the outline names the SoA" contains "$outline" "Statement of Applicability"
check "audit-pack.pdf: the outline names the RTP" contains "$outline" "Risk Treatment Plan"
page_of_rtp=$(qpdf --json --json-key=outlines "$PK/out/audit-pack.pdf" |
    jq '.outlines[] | select(.title == "Risk Treatment Plan") | .destpageposfrom1')
soa_pages=$(pdfinfo "$PK/out/statement-of-applicability.pdf" | sed -n 's/^Pages: *//p')
check "audit-pack.pdf: the RTP starts on a page of its own, after the index and the SoA" \
    test "$page_of_rtp" -eq $((index_pages + soa_pages + 1))

# a pack with nothing changed writes nothing
listing() { (cd "$1" && find . -type f -exec ls -li --time-style=+%s.%N {} + | sort); }
before=$(listing "$PK/out")
"$ISMSC" pack -q -o "$PK/out" "$PK/src"
check "pack: a second pack with no change writes nothing" test "$before" = "$(listing "$PK/out")"

# signed packs
if command -v ssh-keygen > /dev/null; then
	ssh-keygen -q -t ed25519 -N '' -C owner -f "$PK/owner"
	ssh-keygen -q -t ed25519 -N '' -C other -f "$PK/other"
	echo "owner@example $(cat "$PK/owner.pub")" > "$PK/allowed"
	echo "other@example $(cat "$PK/other.pub")" > "$PK/allowed-other"
	check "pack --sign KEY" "$ISMSC" pack -q --sign "$PK/owner" -o "$PK/out" "$PK/src"
	check "pack --sign: MANIFEST.sha256.sig is there" test -s "$PK/out/MANIFEST.sha256.sig"
	check "pack --sign: ssh-keygen verifies the signature itself" sh -c \
	    "ssh-keygen -Y verify -f '$PK/allowed' -I owner@example -n ismsc-pack \
	     -s '$PK/out/MANIFEST.sha256.sig' < '$PK/out/MANIFEST.sha256'"
	said=$("$ISMSC" verify --allowed-signers "$PK/allowed" "$PK/out" 2>&1)
	check "verify: a signed pack verifies" test $? -eq 0
	check "verify: names the signer" contains "$said" "signed by owner@example"
	"$ISMSC" verify --allowed-signers "$PK/allowed-other" "$PK/out" > /dev/null 2>&1
	check "verify: a pack signed by someone else does not verify" test $? -eq 1
	# one byte changed in one document
	cp -r "$PK/out" "$PK/altered"
	printf 'X' | dd of="$PK/altered/policies/POL-03.pdf" bs=1 seek=2000 conv=notrunc 2> /dev/null
	err=$("$ISMSC" verify --allowed-signers "$PK/allowed" "$PK/altered" 2>&1)
	check "verify: a pack with one byte changed does not verify" test $? -eq 1
	check "verify: names the changed file" contains "$err" "altered/policies/POL-03.pdf: error: its SHA-256"
	check "sha256sum -c fails on the changed pack too" sh -c \
	    "cd '$PK/altered' && ! sha256sum -c --quiet MANIFEST.sha256 > /dev/null 2>&1"
	# the manifest changed to match: the signature gives it away
	(cd "$PK/altered" && sha256sum policies/POL-03.pdf > new &&
	    grep -v ' policies/POL-03.pdf$' MANIFEST.sha256 >> new && sort -k2 new > MANIFEST.sha256 && rm new)
	err=$("$ISMSC" verify --allowed-signers "$PK/allowed" "$PK/altered" 2>&1)
	check "verify: a manifest changed after signing does not verify" test $? -eq 1
	check "verify: says the signature does not match" contains "$err" "MANIFEST.sha256.sig: error: does not match"
	rm -rf "$PK/altered"
	# a later unsigned pack of changed sources drops the old signature
	sed -i 's/Accounts are created automatically/Accounts are made automatically/' \
	    "$PK/src/documents/POL-02-access-control.xml"
	"$ISMSC" pack -q -o "$PK/out" "$PK/src"
	check "pack without --sign removes a signature that no longer holds" \
	    test ! -e "$PK/out/MANIFEST.sha256.sig"
	check "the new pack verifies (unsigned)" "$ISMSC" verify -q "$PK/out"
else
	fail "signed packs: ssh-keygen (openssh-client) is not installed"
fi

# ---- incremental builds ---------------------------------------------------------

INC="$TMP/inc"
cp -r policies "$INC-src"
check "incremental: a first build" "$ISMSC" build -q -o "$INC" "$INC-src"
state() { grep "^doc $1 " "$INC/.ismsc-state" | cut -d' ' -f3,4; }
ino() { ls -i "$INC/$1" | cut -d' ' -f1; }
keep_docs="soa rtp POL-01 POL-02 POL-04"
for d in $keep_docs POL-03; do eval "key_$(echo $d | tr - _)=\"$(state $d)\""; done
inode_soa=$(ino statement-of-applicability.pdf)
inode_rtp=$(ino risk-treatment-plan.pdf)
inode_p1=$(ino policies/POL-01.pdf)
inode_p3=$(ino policies/POL-03.pdf)
check "incremental: the state file records every document" test "$(grep -c '^doc ' "$INC/.ismsc-state")" -eq \
    "$(find "$INC" -name '*.pdf' | wc -l)"

# a paragraph of one policy: that policy, not the SoA, the RTP or the
# other policies
sed -i '0,/<p>/s/<p>/<p>Reworded. /' "$INC-src/documents/POL-03-acceptable-use.xml"
"$ISMSC" build -q -o "$INC" "$INC-src"
check "incremental: editing POL-03 makes POL-03 again (new key and hash)" \
    sh -c "test '$(state POL-03)' != '$key_POL_03' && test $(ino policies/POL-03.pdf) != $inode_p3"
unchanged=""
for d in $keep_docs; do
	eval "want=\$key_$(echo $d | tr - _)"
	[ "$(state $d)" = "$want" ] || unchanged="$unchanged $d"
done
check "incremental: ... and not the SoA, the RTP or the other policies (state file)" test -z "$unchanged"
check "incremental: ... whose files were not written again (inodes)" sh -c \
    "test $(ino statement-of-applicability.pdf) = $inode_soa && test $(ino risk-treatment-plan.pdf) = $inode_rtp &&
     test $(ino policies/POL-01.pdf) = $inode_p1"
"$ISMSC" build -q --force -o "$INC-full" "$INC-src"
check "incremental: the outputs are the bytes of a full build" \
    diff -r -x .ismsc-state "$INC" "$INC-full"

# a new version of the policy: the SoA lists it, so the SoA is made again
sed -i 's/\(<policy [^>]*\)version="[0-9.]*"/\1version="9.9"/' \
    "$INC-src/documents/POL-03-acceptable-use.xml"
"$ISMSC" build -q -o "$INC" "$INC-src"
check "incremental: a new policy version makes the SoA again" test "$(state soa)" != "$key_soa"
check "incremental: ... but not the RTP" test "$(state rtp)" = "$key_rtp"
check "incremental: the SoA shows the new version" sh -c \
    "pdftotext '$INC/statement-of-applicability.pdf' - | grep -q 'POL-03'"
rm -rf "$INC-full"
"$ISMSC" build -q --force -o "$INC-full" "$INC-src"
check "incremental: still the bytes of a full build" diff -r -x .ismsc-state "$INC" "$INC-full"

# nothing changed: nothing written, not even the state file
before=$(listing "$INC")
"$ISMSC" build -q -o "$INC" "$INC-src"
check "incremental: a build with no change writes nothing" test "$before" = "$(listing "$INC")"

# a damaged or missing output is made again
printf 'X' >> "$INC/policies/POL-01.pdf"
rm "$INC/policies/POL-04.pdf"
"$ISMSC" build -q -o "$INC" "$INC-src"
check "incremental: a changed or missing output is made again" sh -c \
    "cmp -s '$INC/policies/POL-01.pdf' '$INC-full/policies/POL-01.pdf' &&
     cmp -s '$INC/policies/POL-04.pdf' '$INC-full/policies/POL-04.pdf'"

# --force makes everything again
inode_p1=$(ino policies/POL-01.pdf)
"$ISMSC" build -q --force -o "$INC" "$INC-src"
check "incremental: --force makes every document again" test "$(ino policies/POL-01.pdf)" != "$inode_p1"

# a stylesheet is an input of its documents: a changed one makes them again
mkdir -p "$TMP/data"
cp -r schema stylesheets fonts "$TMP/data/"
ISMSC_DATADIR="$TMP/data" "$ISMSC" build -q -o "$INC" "$INC-src"
before_p1=$(state POL-01)
sed -i 's|<xsl:output method="xml"|<!-- changed -->&|' "$TMP/data/stylesheets/policy.xsl"
ISMSC_DATADIR="$TMP/data" "$ISMSC" build -q -o "$INC" "$INC-src"
check "incremental: a changed stylesheet makes its documents again" test "$(state POL-01)" != "$before_p1"
rm -rf "$TMP/data"
