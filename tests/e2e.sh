# End to end: build the bundled example and read the PDFs back with
# poppler-utils and qpdf, which share no code with ismsc.
OUT="$TMP/e2e"
CAT=stylesheets/data/annex-a-2022.xml

check "check accepts the example" "$ISMSC" check policies
check "build the example" "$ISMSC" build -q -o "$OUT" policies

policies=$(ls policies/documents/*.xml | wc -l)
pdfs=$(ls "$OUT"/policies/*.pdf 2>/dev/null | wc -l)
check "one PDF per policy ($policies)" test "$pdfs" -eq "$policies"

all_pdfs() {
	echo "$OUT/statement-of-applicability.pdf"
	echo "$OUT/risk-treatment-plan.pdf"
	ls "$OUT"/policies/*.pdf
}

# every control id and title of the catalogue is in the SoA
soa_text=$(pdftotext -raw "$OUT/statement-of-applicability.pdf" - | squash)
missing=$(xmllint --xpath '//control/@id | //control/@title' "$CAT" |
	sed 's/^ *\(id\|title\)="\(.*\)"$/\2/' | while read -r s; do
		k=$(printf '%s' "$s" | sed 's/&amp;/\&/g' | squash)
		case "$soa_text" in *"$k"*) ;; *) echo "$s" ;; esac
	done)
check "the SoA shows all 93 control ids and titles" test -z "$missing"
[ -z "$missing" ] || printf '%s\n' "$missing" | head -5 | sed 's/^/     missing: /'
check "the catalogue has 93 controls" \
    test "$(xmllint --xpath 'count(//control)' "$CAT")" = 93

# every risk id of the register is in the RTP
rtp_text=$(pdftotext "$OUT/risk-treatment-plan.pdf" -)
missing=$(xmllint --xpath '//risk/@id' policies/risks.xml |
	sed 's/^ *id="\(.*\)"$/\1/' | while read -r id; do
		case "$rtp_text" in *"$id"*) ;; *) echo "$id" ;; esac
	done)
check "the RTP shows every risk id" test -z "$missing"

for f in $(all_pdfs); do
	n=$(basename "$f" .pdf)
	check "qpdf --check $n" qpdf --check "$f"
	fonts=$(pdffonts "$f" | tail -n +3)
	check "$n: fonts embedded" sh -c "! printf '%s\n' '$fonts' | awk '{print \$(NF-4)}' | grep -qv yes"
	check "$n: only fonts from fonts/" sh -c "! printf '%s\n' '$fonts' | awk '{print \$1}' | sed 's/^[A-Z]*+//' | grep -Ev '^NotoSans(Mono)?-(Regular|Bold|Italic|BoldItalic)$'"
	info=$(pdfinfo "$f")
	pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
	check "$n: A4 pages" sh -c "printf '%s\n' '$info' | grep -q 'Page size: *595.276 x 841.89 pts (A4)'"
	check "$n: title and author set" sh -c "printf '%s\n' \"\$1\" | grep -q '^Title: *[^ ]' && printf '%s\n' \"\$1\" | grep -q '^Author: *Northwind Ledger Ltd'" - "$info"
	check "$n: dated from SOURCE_DATE_EPOCH" sh -c "printf '%s\n' \"\$1\" | grep -q '^CreationDate: *Thu Jan  1 00:00:00 2026 UTC'" - "$info"
	# "Page X of Y" on every page
	bad=""
	i=1
	while [ "$i" -le "$pages" ]; do
		pdftotext -f "$i" -l "$i" "$f" - | grep -q "Page $i of $pages" || bad="$bad $i"
		i=$((i + 1))
	done
	check "$n: Page X of $pages on every page" test -z "$bad"
done

soa_pages=$(pdfinfo "$OUT/statement-of-applicability.pdf" | sed -n 's/^Pages: *//p')
rtp_pages=$(pdfinfo "$OUT/risk-treatment-plan.pdf" | sed -n 's/^Pages: *//p')
check "SoA page count is sane ($soa_pages)" test "$soa_pages" -ge 6 -a "$soa_pages" -le 40
check "RTP page count is sane ($rtp_pages)" test "$rtp_pages" -ge 10 -a "$rtp_pages" -le 80

# the control table's header row is repeated on every page it spans
first=$(pdftotext "$OUT/statement-of-applicability.pdf" - | awk -v RS='\f' '/A\.5\.1 Policies/ {print NR; exit}')
bad=""
i=$first
while [ "$i" -le "$soa_pages" ]; do
	t=$(pdftotext -f "$i" -l "$i" "$OUT/statement-of-applicability.pdf" - | squash)
	case "$t" in *Reasonsforinclusion*) ;; *) bad="$bad $i" ;; esac
	i=$((i + 1))
done
check "SoA table header on every page from $first to $soa_pages" test -n "$first" -a -z "$bad"

# each policy states its document control data
for x in policies/documents/*.xml; do
	id=$(xmllint --xpath 'string(/policy/@id)' "$x")
	version=$(xmllint --xpath 'string(/policy/@version)' "$x")
	title=$(xmllint --xpath 'string(/policy/title)' "$x")
	t=$(pdftotext "$OUT/policies/$id.pdf" - | squash)
	want=$(printf '%s' "Document ID $id Version $version" | squash)
	wtitle=$(printf '%s' "$title" | squash)
	check "$id: title and document control" sh -c "case \"\$1\" in *\"\$2\"*\"\$3\"*) exit 0;; esac; exit 1" - "$t" "$wtitle" "$want"
done

# same sources, same bytes
"$ISMSC" build -q -o "$OUT-again" policies
check "a rebuild is byte-identical" diff -r "$OUT" "$OUT-again"

check "the manual page is clean (mandoc -T lint)" mandoc -T lint -W warning doc/ismsc.1

# nothing is drawn outside the text area, except the running header and
# footer in the margins (src/typeset.h: A4, margins 62/62/72/70 pt)
outside=$("$ISMSC" build -q --dump pages policies | awk '
	/^document / { doc = $2 }
	/^page / { page = $2 }
	$1 == "text" || $1 == "fill" || $1 == "rule" {
		x = $2; y = $3; w = $4; h = $5
		if (y < 72 - 0.01 && y + h < 72 - 10) next        # header
		if (y > 771.89 + 0.01) next                        # footer
		if (x < 62 - 0.01 || x + w > 533.276 + 0.01 || y < 72 - 0.01 ||
		    y + h > 771.89 + 0.01)
			print doc " page " page ": " $0
	}')
check "nothing drawn outside the text area" test -z "$outside"
[ -z "$outside" ] || printf '%s\n' "$outside" | head -5 | sed 's/^/     /'
