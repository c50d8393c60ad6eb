<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<!-- xsl:import of a stylesheet outside the stylesheet folder. -->
<xsl:import href="@OUTSIDE@/evil.xsl"/>
<xsl:template match="/">
  <document title="t" author="a"><p>x</p></document>
</xsl:template>
</xsl:stylesheet>
