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

# a control that treats more than ten risks lists the first ten and
# counts the rest: every risk of the copy treats A.5.37
MANY="$TMP/e2e-many"
cp -r policies "$MANY.src"
sed -i 's#</rationale>#</rationale><control ref="5.37"/>#' "$MANY.src/risks.xml"
check "build: a control treating 30 risks" "$ISMSC" build -q --only soa -o "$MANY" "$MANY.src"
many=$(pdftotext -raw "$MANY/statement-of-applicability.pdf" - | squash)
check "SoA: ten linked risks of A.5.37, then (+20 more)" \
    contains "$many" "R001,R002,R003,R004,R005,R006,R007,R008,R009,R010(+20more)"

soa_pages=$(pdfinfo "$OUT/statement-of-applicability.pdf" | sed -n 's/^Pages: *//p')
rtp_pages=$(pdfinfo "$OUT/risk-treatment-plan.pdf" | sed -n 's/^Pages: *//p')
check "SoA page count is sane ($soa_pages)" test "$soa_pages" -ge 6 -a "$soa_pages" -le 40
check "RTP page count is sane ($rtp_pages)" test "$rtp_pages" -ge 10 -a "$rtp_pages" -le 80

# the control tables' header row is on every page that shows control rows
bad=""
rows=0
i=1
while [ "$i" -le "$soa_pages" ]; do
	raw=$(pdftotext -raw -f "$i" -l "$i" "$OUT/statement-of-applicability.pdf" -)
	if printf '%s\n' "$raw" | grep -Eq '^A\.[5-8]\.[0-9]+ [A-Z]'; then
		rows=$((rows + 1))
		case "$(printf '%s' "$raw" | squash)" in
		*Reasonsforinclusion*) ;;
		*) bad="$bad $i" ;;
		esac
	fi
	i=$((i + 1))
done
check "SoA table header on every page with control rows ($rows pages)" \
    test "$rows" -ge 4 -a -z "$bad"

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
check "ismsc-sources(5) is clean (mandoc -T lint)" mandoc -T lint -W warning doc/ismsc-sources.5

# nothing is drawn outside the text area, except the running header and
# footer in the margins (src/typeset.h: A4, margins 62/62/72/70 pt, on
# portrait and landscape pages alike)
outside=$("$ISMSC" build -q --dump pages policies | awk '
	/^document / { doc = $2 }
	/^page / {
		page = $2
		if ($3 == "landscape") { pw = 841.89; ph = 595.276 }
		else { pw = 595.276; ph = 841.89 }
		right = pw - 62; bottom = ph - 70
	}
	$1 == "text" || $1 == "fill" || $1 == "rule" {
		x = $2; y = $3; w = $4; h = $5
		if (y < 72 - 0.01 && y + h < 72 - 10) next        # header
		if (y > bottom + 0.01) next                        # footer
		if (x < 62 - 0.01 || x + w > right + 0.01 || y < 72 - 0.01 ||
		    y + h > bottom + 0.01)
			print doc " page " page ": " $0
	}')
check "nothing drawn outside the text area" test -z "$outside"
[ -z "$outside" ] || printf '%s\n' "$outside" | head -5 | sed 's/^/     /'

# the documents made from the whole model beside the SoA and RTP: each
# builds, passes qpdf --check and says what it is for
for d in "risk-assessment-report:Heatmaps:Risksbyowner:R001" \
    "isms-scope-and-context:ScopeoftheISMS:Interestedparties:ISS01" \
    "information-security-objectives:OBJ01:Howresultsareevaluated:Ontrack" \
    "documented-information-readiness:Auditprogrammeandauditresults:REC03:A.5.37"; do
	n=${d%%:*}
	keys=${d#*:}
	check "$n: qpdf --check" qpdf --check "$OUT/$n.pdf"
	t=$(pdftotext "$OUT/$n.pdf" - 2>/dev/null | squash)
	missing=""
	for k in $(printf '%s' "$keys" | tr ':' ' '); do
		case "$t" in *"$k"*) ;; *) missing="$missing $k" ;; esac
	done
	check "$n: key text present" test -z "$missing"
	[ -z "$missing" ] || printf '     missing:%s\n' "$missing"
done
check "check --readiness: the example has no gap" sh -c \
    "'$ISMSC' check --readiness --strict policies | grep -q '36 of 36 items provided'"

# Navigation and structure (tagged PDF): every bookmark leads to the page
# that shows its heading, the contents give the same page numbers, and
# the structure tree holds headings, paragraphs, lists and tables.
for f in $(all_pdfs); do
	n=$(basename "$f" .pdf)
	marks=$(qpdf --json --json-key=outlines "$f" | jq -r '.outlines | .. |
	    objects | select(has("title")) | "\(.destpageposfrom1)\t\(.title)"')
	check "$n: has bookmarks" test -n "$marks"
	wrong=$(printf '%s\n' "$marks" | while IFS="$(printf '\t')" read -r page title; do
		t=$(printf '%s' "$title" | squash)
		pdftotext -f "$page" -l "$page" "$f" - | squash | grep -qF -- "$t" ||
			echo "$title (page $page)"
	done)
	check "$n: every bookmark leads to its heading" test -z "$wrong"
	[ -z "$wrong" ] || printf '%s\n' "$wrong" | head -3 | sed 's/^/     /'
	contents=$(pdftotext -layout -f 1 -l 2 "$f" - | sed -n '/^ *Contents *$/,$p')
	wrong=$(printf '%s\n' "$marks" | awk -F '\t' 'NR > 1' | while IFS="$(printf '\t')" read -r page title; do
		line=$(printf '%s\n' "$contents" | grep -F -- "$title" | head -1)
		[ -z "$line" ] && continue      # deeper than the contents go
		case "$line" in *" $page") ;; *) echo "$title: $line (bookmark: $page)" ;; esac
	done)
	check "$n: contents page numbers match the headings" test -z "$wrong"
	[ -z "$wrong" ] || printf '%s\n' "$wrong" | head -3 | sed 's/^/     /'
	tree=$(pdfinfo -struct-text "$f" | awk '{print $1}' | sort -u | tr '\n' ' ')
	missing=""
	want="Document H1 H2 P Table TR TD TOC TOCI"
	case "$f" in */policies/*) want="$want L LI Lbl LBody" ;; esac
	case "$n" in statement-of-applicability) want="$want Figure" ;; esac
	for tag in $want; do
		case " $tree " in *" $tag "*) ;; *) missing="$missing $tag" ;; esac
	done
	check "$n: tagged, with headings, paragraphs, lists and tables" \
	    sh -c "pdfinfo '$f' | grep -q '^Tagged: *yes' && test -z '$missing'"
	[ -z "$missing" ] || echo "     missing structure:$missing"
done

# landscape pages: their size, and the running footer, the outline target
# and the repeated table header on them
LAND="$TMP/landscape.pdf"
check "typeset landscape pages" "$ISMSC" typeset -o "$LAND" tests/golden/landscape.xml
sizes=$(for i in 1 2 4 5; do
	pdfinfo -f "$i" -l "$i" "$LAND" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p'
done | tr '\n' ' ')
check "landscape: portrait, landscape pages, portrait again" \
    test "$sizes" = "595.276x841.89 841.89x595.276 841.89x595.276 595.276x841.89 "
check "landscape: the document is sound" qpdf --check "$LAND"
check "landscape: the footer runs along the long side" sh -c \
    "pdftotext -f 3 -l 3 -layout '$LAND' - | grep -q 'Internal  *Page 3 of 5\$'"
check "landscape: the header row repeats on its pages" sh -c \
    "pdftotext -f 3 -l 3 '$LAND' - | grep -q '^Risk treatment plan (continued)\$'"
check "landscape: the heading on it is a link target on its page" sh -c \
    "pdfinfo -dests '$LAND' | grep -q '^ *2 .*\"register\"\$'"
