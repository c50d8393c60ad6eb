<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<!-- exsl:document into a folder that does not exist yet. -->
<xsl:template match="/">
  <exsl:document href="@OUTSIDE@/made/deeper/pwned.xml"><pwned/></exsl:document>
  <document title="t" author="a"><p>x</p></document>
</xsl:template>
</xsl:stylesheet>
