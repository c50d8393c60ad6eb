<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<!-- document() of a file outside the stylesheet folder. -->
<xsl:template match="/">
  <document title="t" author="a"><p><xsl:value-of select="document('@OUTSIDE@/secret.xml')"/></p></document>
</xsl:template>
</xsl:stylesheet>
