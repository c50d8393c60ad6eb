<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<!-- exsl:document writes a file outside OUT. -->
<xsl:template match="/">
  <exsl:document href="@OUTSIDE@/pwned.xml"><pwned/></exsl:document>
  <document title="t" author="a"><p>x</p></document>
</xsl:template>
</xsl:stylesheet>
