<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<!-- A template that calls itself for ever. -->
<xsl:template match="/">
  <document title="t" author="a"><p><xsl:call-template name="again"/></p></document>
</xsl:template>
<xsl:template name="again">
  <xsl:call-template name="again"/>
</xsl:template>
</xsl:stylesheet>
