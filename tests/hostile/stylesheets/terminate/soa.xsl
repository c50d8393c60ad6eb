<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<!-- A user's stylesheet that stops the build on purpose. -->
<xsl:template match="/">
  <xsl:message terminate="yes">no applicable controls: refusing to make an empty SoA</xsl:message>
</xsl:template>
</xsl:stylesheet>
