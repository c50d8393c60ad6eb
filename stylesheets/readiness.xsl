<?xml version="1.0" encoding="UTF-8"?>
<!--
  Documented information readiness: every item of documented information
  ISO/IEC 27001:2022 requires, and every applicable Annex A control whose
  text requires a documented rule, with what in the sources provides it
  and, for each gap, what is missing. From the model's <readiness>, which
  link computes (the same list `ismsc check readiness` prints).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title">Documented Information Readiness</xsl:variable>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject">ISO/IEC 27001:2022: mandatory documented information and its status</xsl:with-param>
        <xsl:with-param name="keywords">ISMS, ISO/IEC 27001:2022, documented information, readiness, certification audit</xsl:with-param>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1">Introduction</h>
      <p align="justify">A certification audit asks for the documented information that ISO/IEC 27001:2022 requires. This report lists each item, from the scope of the ISMS (clause 4.3) to the nonconformities and corrective actions (clause 10.2), and each applicable Annex A control whose text requires a documented rule, policy or procedure, with what in the ISMS of <xsl:value-of select="$org"/> provides it and, where something is missing, what.</p>
      <p>
        <b>
          <xsl:choose>
            <xsl:when test="readiness/@gaps = 0">Every item is provided.</xsl:when>
            <xsl:otherwise><xsl:value-of select="readiness/@gaps"/> of <xsl:value-of select="readiness/@items"/> items have gaps.</xsl:otherwise>
          </xsl:choose>
        </b>
      </p>

      <h level="1">Mandatory documented information</h>
      <xsl:call-template name="items">
        <xsl:with-param name="items" select="readiness/item[@clause]"/>
        <xsl:with-param name="first">Clause</xsl:with-param>
      </xsl:call-template>
      <xsl:if test="readiness/item[@control]">
        <h level="1">Annex A controls that require documented information</h>
        <xsl:call-template name="items">
          <xsl:with-param name="items" select="readiness/item[@control]"/>
          <xsl:with-param name="first">Control</xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </document>
  </xsl:template>

  <xsl:template name="items">
    <xsl:param name="items"/>
    <xsl:param name="first"/>
    <table widths="11 30 11 48" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="$first"/></td><td>Documented information</td><td>Status</td><td>Provided by, or missing</td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="$items">
          <tr>
            <td>
              <xsl:value-of select="@clause"/>
              <xsl:if test="@control">A.<xsl:value-of select="@control"/></xsl:if>
            </td>
            <td>
              <p><xsl:value-of select="@title"/></p>
              <xsl:if test="@requires"><p style="note">Requires <xsl:value-of select="@requires"/>.</p></xsl:if>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="@status = 'gap'"><b>Gap</b></xsl:when>
                <xsl:otherwise>Provided</xsl:otherwise>
              </xsl:choose>
            </td>
            <td>
              <xsl:for-each select="provided | missing">
                <p>
                  <xsl:if test="self::missing"><b>Missing: </b></xsl:if>
                  <xsl:value-of select="."/>
                </p>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
