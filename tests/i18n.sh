# Languages and branding (issue 7, items 7 and 8): the message catalogues,
# the German example (tests/i18n/de, with Greek, Cyrillic, Arabic and
# Hebrew text in a policy and a logo), the example's logo, and the user's
# stylesheet folder (--stylesheets DIR).
I18N="$TMP/i18n"
mkdir -p "$I18N"

# every catalogue has the messages English has, and no other
ids() { xmllint --xpath '//m/@id' "$1" | tr ' ' '\n' | grep . | sort; }
ids stylesheets/messages/en.xml > "$I18N/en.ids"
for cat in stylesheets/messages/*.xml; do
	ids "$cat" > "$I18N/cat.ids"
	check "$cat has the messages of en.xml" diff -u "$I18N/en.ids" "$I18N/cat.ids"
done
# every message the stylesheets ask for is in the catalogue
used=$(grep -oh "i:t('[a-z0-9.-]*'" stylesheets/*.xsl | sed "s/i:t('//; s/'//" | sort -u)
missing=$(for id in $used; do grep -qx "id=\"$id\"" "$I18N/en.ids" || echo "$id"; done)
check "every message the stylesheets use is in the catalogue" test -z "$missing"
# no words left in the stylesheets themselves: no text node with a
# capitalised word or two words in a row (comments and xsl:message, the
# stylesheets' diagnostics, aside)
left=$(sed 's/<!--.*-->//' stylesheets/*.xsl | grep -v 'xsl:message' |
	grep -oE '>[^<>]*([A-Z][a-z]|[a-z] [a-z])[^<>]*</' | head -3)
check "the stylesheets write no words of their own" test -z "$left"

# dates and numbers in each language's format (common.xsl's templates)
cat > "$I18N/formats.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="$PWD/stylesheets/common.xsl"/>
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:call-template name="number"><xsl:with-param name="n" select="1234567.5"/></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="iso">2026-12-07</xsl:with-param></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="iso">2026-12-07</xsl:with-param><xsl:with-param name="short" select="true()"/></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="iso">not a date</xsl:with-param></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
XSL
formats() {
	printf '<isms><organization %s/></isms>' "$1" > "$I18N/formats.xml"
	xsltproc "$I18N/formats.xsl" "$I18N/formats.xml"
}
check "English dates and numbers" test "$(formats '')" = "1,234,567.5|2026-12-07|2026-12-07|not a date"
check "German dates and numbers" test "$(formats 'language="de"')" = "1.234.567,5|7. Dezember 2026|07.12.2026|not a date"

# ---- the German example ----
DE="$I18N/de"
"$ISMSC" build -o "$DE" tests/i18n/de > "$I18N/de.out" 2> "$I18N/de.err"
check "the German example builds" test $? -eq 0
check "every character of the German example has a glyph" \
    sh -c "! grep -q 'cannot be shown' '$I18N/de.err'"
soa=$(pdftotext "$DE/statement-of-applicability.pdf" - 2>/dev/null)
pol=$(pdftotext "$DE/policies/POL-1.pdf" - 2>/dev/null)
has() { case "$1" in *"$2"*) return 0 ;; *) echo "missing: $2"; return 1 ;; esac; }
check "German SoA title" has "$soa" "Erklärung zur Anwendbarkeit"
check "German running footer" has "$pol" "Seite 1 von 1"
check "German classification" has "$pol" "Klassifizierung: Vertraulich"
check "German long date" has "$pol" "15. Januar 2026"
check "German short date in a table" has "$pol" "15.01.2026"
check "German contents" has "$pol" "Inhalt"
check "German field labels" has "$pol" "Nächste Überprüfung"
check "Greek text survives" has "$pol" "Η ασφάλεια των πληροφοριών"
check "Cyrillic text survives" has "$pol" "Информационная безопасность"
check "Arabic text survives" has "$pol" "أمن المعلومات"
check "Hebrew text survives" has "$pol" "אבטחת מידע"
# the layout's language (hyphenation; cairo 1.16 writes no /Lang)
check "German layout documents are lang=de-DE" \
    sh -c "'$ISMSC' build --dump=layout tests/i18n/de 2>/dev/null | grep -c 'lang=\"de-DE\"' | grep -qx 7"
rtp=$(pdftotext "$DE/risk-treatment-plan.pdf" - 2>/dev/null)
check "German RTP title" has "$rtp" "Risikobehandlungsplan"
check "German residual risk" has "$rtp" "Restrisiko"
ra=$(pdftotext "$DE/risk-assessment-report.pdf" - 2>/dev/null)
check "German risk owner" has "$ra" "Risikoeigentümer"
# the fallback font: without DejaVu Sans the Arabic and Hebrew lines fail
mkdir -p "$I18N/data"
cp -r schema stylesheets "$I18N/data/"
mkdir -p "$I18N/data/fonts"
cp fonts/Noto*.ttf "$I18N/data/fonts/"
ISMSC_DATADIR="$I18N/data" "$ISMSC" build -o "$I18N/nofallback" tests/i18n/de \
    > /dev/null 2> "$I18N/nofallback.err"
check "without the fallback font, missing glyphs are errors" \
    grep -q 'POL-1.xml:19: error: .* characters cannot be shown with the fonts in fonts/' "$I18N/nofallback.err"

# ---- logos ----
logo_on() { pdfimages -list "$1" 2>/dev/null | awk 'NR > 2 && $1 == 1 && $3 == "image"' | wc -l; }
check "the German logo is on page 1 (title block and header)" test "$(logo_on "$DE/policies/POL-1.pdf")" -eq 2
"$ISMSC" build -q -o "$I18N/en" policies 2> /dev/null
check "the example's logo is on the SoA's first page" test "$(logo_on "$I18N/en/statement-of-applicability.pdf")" -eq 2
check "a document with a logo passes qpdf --check" qpdf --check "$I18N/en/statement-of-applicability.pdf"

# ---- the user's stylesheet folder ----
US="$I18N/user"
mkdir -p "$US/messages"
sed 's|<m id="contents">Contents</m>|<m id="contents">In this policy</m>|' stylesheets/messages/en.xml > "$US/messages/en.xml"
cat > "$US/board-summary.xsl" <<'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">
  <xsl:import href="common.xsl"/>
  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title">Board summary</xsl:with-param>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="title-block"><xsl:with-param name="title">Board summary</xsl:with-param></xsl:call-template>
      <p><xsl:value-of select="count(risks/risk)"/> risks in the register.</p>
    </document>
  </xsl:template>
</xsl:stylesheet>
XSL
UO="$I18N/user-out"
"$ISMSC" build -q --stylesheets "$US" -o "$UO" tests/bad/base 2> "$I18N/user.err"
check "--stylesheets DIR: builds" test $? -eq 0
check "--stylesheets DIR: a new document kind" \
    sh -c "pdftotext '$UO/board-summary.pdf' - | grep -q '1 risks in the register'"
check "--stylesheets DIR: a catalogue replaces the installed one" \
    sh -c "pdftotext '$UO/policies/POL-1.pdf' - | grep -q 'In this policy'"
# a change in the folder rebuilds what it changes
sed -i 's|in the register|on the board|' "$US/board-summary.xsl"
"$ISMSC" build -q --stylesheets "$US" -o "$UO" tests/bad/base 2> /dev/null
check "--stylesheets DIR: a changed stylesheet is rebuilt" \
    sh -c "pdftotext '$UO/board-summary.pdf' - | grep -q '1 risks on the board'"
# the same lockdown: nothing outside the two folders is read
cat > "$US/peek.xsl" <<'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><document title="x" author="x"><p><xsl:value-of select="document('/etc/passwd')"/></p></document></xsl:template>
</xsl:stylesheet>
XSL
"$ISMSC" build -q --stylesheets "$US" -o "$I18N/peek" tests/bad/base > /dev/null 2> "$I18N/peek.err"
status=$?
check "--stylesheets DIR: reading outside the folders is refused" \
    sh -c "test $status -eq 4 && grep -q 'Local file read for /etc/passwd refused' '$I18N/peek.err'"
rm "$US/peek.xsl"
"$ISMSC" build --stylesheets "$I18N/no-such-folder" tests/bad/base > /dev/null 2> "$I18N/nofolder.err"
status=$?
check "--stylesheets with no folder exits 2" \
    sh -c "test $status -eq 2 && grep -q \"is not a folder\" '$I18N/nofolder.err'"
# a catalogue of the user's folder is a language the sources may choose
sed 's|lang="en-GB" name="English"|lang="en-US" name="English (US)"|' stylesheets/messages/en.xml > "$US/messages/en-us.xml"
cp -r tests/bad/base "$I18N/us-src"
sed -i 's|<organization>|<organization language="en-us">|' "$I18N/us-src/organization.xml"
check "a language of the user's folder is accepted" "$ISMSC" check -q --stylesheets "$US" "$I18N/us-src"
"$ISMSC" check -q "$I18N/us-src" 2> "$I18N/us.err"
check "without the folder it is unknown" \
    grep -q "no message catalogue for the language 'en-us' (supported: de, en)" "$I18N/us.err"
