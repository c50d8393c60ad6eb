# Spreadsheets. The build writes statement-of-applicability.csv and
# risk-register.csv from the model: read back here by an RFC 4180 reader in
# awk that shares no code with ismsc and compared with the model through
# xsltproc. ismsc import-risks turns a CSV register into a risks source:
# synonyms and layouts read (golden output), each bad cell reported at its
# row and column (golden diagnostics), nothing written on errors, and the
# build's own register imported back to the very same bytes.
CSV="$TMP/csv"
mkdir -p "$CSV"

# csv_records FILE: each record on a line, fields separated by \037, a line
# break inside a field written as \036; the byte order mark dropped.
csv_records() {
	LC_ALL=C awk 'BEGIN { RS = "\001" } {
		s = $0; n = length(s); i = 1; q = 0; f = ""; r = ""
		if (substr(s, 1, 3) == "\357\273\277") i = 4
		for (; i <= n; i++) {
			c = substr(s, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(s, i + 1, 1) == "\"") { f = f c; i++ }
					else q = 0
				} else if (c == "\n") f = f "\036"
				else f = f c
			} else if (c == "\"") q = 1
			else if (c == ",") { r = r f "\037"; f = "" }
			else if (c == "\n") { print r f; r = ""; f = "" }
			else if (c != "\r") f = f c
		}
		if (r != "" || f != "") print r f
	}' "$1"
}

"$ISMSC" build -q -o "$CSV/out" policies
SOA="$CSV/out/statement-of-applicability.csv"
REG="$CSV/out/risk-register.csv"
check "build writes statement-of-applicability.csv" test -s "$SOA"
check "build writes risk-register.csv" test -s "$REG"
"$ISMSC" build --dump model policies > "$CSV/model.xml"

for f in "$SOA" "$REG"; do
	n=$(basename "$f")
	csv_records "$f" > "$CSV/$n.records"
	records=$(wc -l < "$CSV/$n.records")
	check "$n starts with a UTF-8 byte order mark" \
	    test "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf
	check "$n ends every record with CRLF ($records)" \
	    test "$(tr -dc '\r' < "$f" | wc -c)" -eq "$records"
	width=$(head -1 "$CSV/$n.records" | awk -F '\037' '{ print NF }')
	check "$n: every record has the header's $width fields" sh -c \
	    "awk -F '\037' 'NF != $width { exit 1 }' '$CSV/$n.records'"
done
check "statement-of-applicability.csv header" test "$(head -1 "$CSV/statement-of-applicability.csv.records" | tr '\037' '|')" = \
    "Control|Title|Theme|Applicable|Status|Owner|Owner title|Owner holder|Reasons for inclusion|Implementation|Evidence|Justification for exclusion|Risks|Policies"

# the SoA rows are the model's controls, in order, with their decisions
cat > "$CSV/soa.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="/isms/controls/theme/control">
      <xsl:if test="not(@custom = 'yes')">A.</xsl:if>
      <xsl:value-of select="concat(@id, '|', @title, '|', ../@title, '|', @applicable, '|', @status, '|', @owner, '|', count(risk), '|', count(policy), '|', count(justification))"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
XSL
xsltproc "$CSV/soa.xsl" "$CSV/model.xml" > "$CSV/soa.want"
tail -n +2 "$CSV/statement-of-applicability.csv.records" | awk -F '\037' '{
	nr = $13 == "" ? 0 : split($13, a, ", "); np = $14 == "" ? 0 : split($14, b, ", ")
	print $1 "|" $2 "|" $3 "|" $4 "|" $5 "|" $6 "|" nr "|" np "|" ($12 != "") }' > "$CSV/soa.got"
check "the SoA spreadsheet holds every control of the model, as decided" diff "$CSV/soa.want" "$CSV/soa.got"
check "the SoA spreadsheet has the 93 Annex A controls" \
    test "$(grep -c '^A\.' "$CSV/soa.got")" -eq 93

# the register rows are the model's risks; further rows add their actions
cat > "$CSV/risks.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="/isms/risks/risk">
      <xsl:value-of select="concat(@id, '|', @owner, '|', inherent/@likelihood, '|', inherent/@impact, '|', @score, '|', treatment/@option, '|', count(treatment/control), '|', residual/@likelihood, '|', residual/@impact, '|', @residual-score, '|', @acceptable, '|', approval/@date, '|', acceptance/@by, '|', count(treatment/action))"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
XSL
xsltproc "$CSV/risks.xsl" "$CSV/model.xml" > "$CSV/risks.want"
tail -n +2 "$CSV/risk-register.csv.records" | awk -F '\037' '
	$2 == "" { actions[$1]++; next }
	{ ids[++n] = $1; nc = $15 == "" ? 0 : split($15, a, ", ")
	  row[$1] = $1 "|" $3 "|" $9 "|" $10 "|" $11 "|" $13 "|" nc "|" $16 "|" $17 "|" $18 "|" $20 "|" $22 "|" $24
	  actions[$1] = $28 != "" }
	END { for (i = 1; i <= n; i++) print row[ids[i]] "|" actions[ids[i]] }' > "$CSV/risks.got"
check "the risk register spreadsheet holds every risk of the model" diff "$CSV/risks.want" "$CSV/risks.got"

# --only: the spreadsheets come with their documents
"$ISMSC" build -q --only rtp -o "$CSV/only" policies
check "build --only rtp writes risk-register.csv, not the SoA's" sh -c \
    "test -s '$CSV/only/risk-register.csv' && test ! -e '$CSV/only/statement-of-applicability.csv'"

# import: the build's register comes back as the same register
cp -r policies "$CSV/again"
"$ISMSC" import-risks -o "$CSV/again/risks.xml" "$REG"
check "import-risks reads the build's risk-register.csv" test $? -eq 0
"$ISMSC" build -q -o "$CSV/again-out" "$CSV/again"
check "spreadsheet round trip: build, import-risks, build gives the same register" \
    cmp "$REG" "$CSV/again-out/risk-register.csv"

# import: synonyms, CRLF, a byte order mark, quoted line breaks and quotes,
# continuation rows for further actions, ignored computed columns
"$ISMSC" import-risks tests/csv/synonyms.csv > "$CSV/synonyms.xml" 2> "$CSV/synonyms.err"
check "import-risks reads column and value synonyms" test $? -eq 0 -a ! -s "$CSV/synonyms.err"
check "import-risks: the source is as expected (tests/csv/synonyms.xml)" \
    diff -u tests/csv/synonyms.xml "$CSV/synonyms.xml"
cp -r policies "$CSV/more"
"$ISMSC" import-risks -o "$CSV/more/imported-risks.xml" tests/csv/synonyms.csv
check "imported risks check clean beside the example's" "$ISMSC" check --strict "$CSV/more"
"$ISMSC" import-risks - < tests/csv/synonyms.csv > "$CSV/stdin.xml"
check "import-risks - reads standard input" sh -c \
    "sed 's/from synonyms.csv/from <stdin>/' '$CSV/synonyms.xml' | cmp - '$CSV/stdin.xml'"
# as spreadsheets save "CSV" where the decimal mark is a comma
printf 'ID;Title;Owner;Assets;Threat;Vulnerability;Likelihood;Impact;Treatment;Rationale;Residual likelihood;Residual impact\r\nR-1;Theft, of a laptop;ciso;Laptops;"A thief; at night";No lock;2;3;reduce;Encrypt;1;3\r\n' > "$CSV/semicolons.csv"
"$ISMSC" import-risks "$CSV/semicolons.csv" > /dev/null 2> "$CSV/semi.err"
check "a ';' file without --separator is explained" sh -c \
    "test $? -eq 1 && grep -q \"use --separator=';'\" '$CSV/semi.err'"
"$ISMSC" import-risks --separator=';' "$CSV/semicolons.csv" > "$CSV/semicolons.xml"
check "import-risks --separator=';'" sh -c "test $? -eq 0 &&
    test \"\$(xmllint --xpath 'concat(//risk/title, \"|\", //threat, \"|\", //treatment/@option)' '$CSV/semicolons.xml')\" = 'Theft, of a laptop|A thief; at night|modify'"

# import: every bad cell at its row and column, nothing written
"$ISMSC" import-risks -o "$CSV/bad.xml" tests/csv/bad-cells.csv 2> "$CSV/bad.err"
check "import-risks of bad cells exits 1" test $? -eq 1
check "import-risks names each bad cell (tests/csv/bad-cells.expected)" \
    diff -u tests/csv/bad-cells.expected "$CSV/bad.err"
check "import-risks writes nothing when a cell is bad" test ! -e "$CSV/bad.xml"
head -2 tests/csv/synonyms.csv | sed '1s/Score/Colour/' > "$CSV/unknown.csv"
"$ISMSC" import-risks --strict "$CSV/unknown.csv" > /dev/null 2>&1
check "import-risks --strict fails on an unknown column" test $? -eq 1
"$ISMSC" import-risks "$CSV/no-such.csv" > /dev/null 2>&1
check "import-risks of a missing file exits 3" test $? -eq 3
