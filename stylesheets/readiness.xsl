<?xml version="1.0" encoding="UTF-8"?>
<!--
  Documented information readiness: every item of documented information
  ISO/IEC 27001:2022 requires, and every applicable Annex A control whose
  text requires a documented rule, with what in the sources provides it
  and, for each gap, what is missing. From the model's <readiness>, which
  link computes (the same list `ismsc check readiness` prints).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title" select="i:t('readiness.title')"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('readiness.subject')"/>
        <xsl:with-param name="keywords" select="i:t('readiness.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('introduction')"/></h>
      <p align="justify"><xsl:copy-of select="i:t('readiness.intro', $org)"/></p>
      <p>
        <b>
          <xsl:choose>
            <xsl:when test="readiness/@gaps = 0"><xsl:value-of select="i:t('readiness.complete')"/></xsl:when>
            <xsl:otherwise>
              <xsl:variable name="gaps"><xsl:call-template name="number"><xsl:with-param name="n" select="readiness/@gaps"/></xsl:call-template></xsl:variable>
              <xsl:variable name="items"><xsl:call-template name="number"><xsl:with-param name="n" select="readiness/@items"/></xsl:call-template></xsl:variable>
              <xsl:value-of select="i:t('readiness.gaps', string($gaps), string($items))"/>
            </xsl:otherwise>
          </xsl:choose>
        </b>
      </p>

      <h level="1"><xsl:value-of select="i:t('readiness.mandatory')"/></h>
      <xsl:call-template name="items">
        <xsl:with-param name="items" select="readiness/item[@clause]"/>
        <xsl:with-param name="first" select="i:t('readiness.clause')"/>
      </xsl:call-template>
      <xsl:if test="readiness/item[@control]">
        <h level="1"><xsl:value-of select="i:t('readiness.controls')"/></h>
        <xsl:call-template name="items">
          <xsl:with-param name="items" select="readiness/item[@control]"/>
          <xsl:with-param name="first" select="i:t('control')"/>
        </xsl:call-template>
      </xsl:if>
    </document>
  </xsl:template>

  <xsl:template name="items">
    <xsl:param name="items"/>
    <xsl:param name="first"/>
    <table widths="11 30 11 48" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="$first"/></td><td><xsl:value-of select="i:t('readiness.documented')"/></td><td><xsl:value-of select="i:t('field.status')"/></td><td><xsl:value-of select="i:t('readiness.provided-by')"/></td></xsl:with-param>
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
              <xsl:if test="@requires"><p style="note"><xsl:value-of select="i:t('readiness.requires', string(@requires))"/></p></xsl:if>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="@status = 'gap'"><b><xsl:value-of select="i:t('readiness.gap')"/></b></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('readiness.provided')"/></xsl:otherwise>
              </xsl:choose>
            </td>
            <td>
              <xsl:for-each select="provided | missing">
                <p>
                  <xsl:if test="self::missing"><b><xsl:value-of select="i:t('readiness.missing')"/></b></xsl:if>
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
