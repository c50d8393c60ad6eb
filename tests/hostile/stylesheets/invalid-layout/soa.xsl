<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
<!-- A result the typesetter does not know. -->
<xsl:template match="/">
  <document title="t" author="a"><p>x</p><script>alert(1)</script></document>
</xsl:template>
</xsl:stylesheet>
