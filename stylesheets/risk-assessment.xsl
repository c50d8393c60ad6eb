<?xml version="1.0" encoding="UTF-8"?>
<!--
  Risk assessment report, ISO/IEC 27001:2022 clause 8.2: the results of
  the information security risk assessment. A summary of the method
  (scales, bands, acceptance criteria), heat maps of the risks before and
  after treatment (figure type="matrix", from the counts link puts on the
  model's matrix cells), the risks by level and by owner (counts from
  risks/by-band and risks/by-owner), then the register itself.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title" select="i:t('ra.title')"/>
  <xsl:variable name="method" select="/isms/risk-methodology"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('ra.subject')"/>
        <xsl:with-param name="keywords" select="i:t('ra.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('introduction')"/></h>
      <xsl:variable name="count"><xsl:call-template name="number"><xsl:with-param name="n" select="risks/@count"/></xsl:call-template></xsl:variable>
      <p align="justify"><xsl:copy-of select="i:t('ra.intro', $org, string($count))"/></p>
      <xsl:apply-templates select="risk-methodology"/>
      <xsl:apply-templates select="risk-methodology/matrix" mode="heat-maps"/>
      <xsl:apply-templates select="risks/by-band"/>
      <xsl:apply-templates select="risks/by-owner"/>
      <xsl:apply-templates select="risks" mode="register"/>
    </document>
  </xsl:template>

  <!-- ============ method summary ============ -->

  <xsl:template match="risk-methodology">
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('ra.method')"/></h>
    <xsl:apply-templates select="description/*" mode="block"/>
    <p align="justify">
      <xsl:copy-of select="@src"/>
      <xsl:variable name="l"><xsl:call-template name="scale"><xsl:with-param name="levels" select="likelihood/level"/></xsl:call-template></xsl:variable>
      <xsl:variable name="i"><xsl:call-template name="scale"><xsl:with-param name="levels" select="impact/level"/></xsl:call-template></xsl:variable>
      <xsl:copy-of select="i:t('ra.scales', string($l), string($i))"/>
    </p>
    <table widths="4 16 14 66" style="grid">
      <xsl:copy-of select="bands/@src"/>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td/><td><xsl:value-of select="i:t('ra.band')"/></td><td><xsl:value-of select="i:t('ra.scores')"/></td><td><xsl:value-of select="i:t('ra.response')"/></td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:copy-of select="bands/@src"/>
        <xsl:for-each select="bands/band">
          <tr>
            <xsl:copy-of select="@src"/>
            <td fill="{@colour}"><xsl:copy-of select="@src"/></td>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@label"/></td>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="concat(@min, '–', @max)"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p align="justify">
      <xsl:copy-of select="acceptance/@src"/>
      <xsl:copy-of select="i:t('ra.acceptance', string(acceptance/@max-score))"/>
      <xsl:apply-templates select="acceptance" mode="inline"/>
    </p>
  </xsl:template>

  <!-- "1 (Rare) to 5 (Almost certain)" -->
  <xsl:template name="scale">
    <xsl:param name="levels"/>
    <xsl:variable name="max">
      <xsl:for-each select="$levels">
        <xsl:sort select="@value" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@value"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$levels">
      <xsl:sort select="@value" data-type="number"/>
      <xsl:if test="position() = 1"><xsl:value-of select="i:t('ra.scale', string(@value), string(@label), string($levels[@value = $max]/@value), string($levels[@value = $max]/@label))"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- ============ risks by level and by owner ============ -->

  <xsl:template match="by-band">
    <keep>
      <h level="1"><xsl:value-of select="i:t('ra.by-band')"/></h>
      <table widths="4 26 20 20 30" style="grid">
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td/><td><xsl:value-of select="i:t('ra.band')"/></td><td align="right"><xsl:value-of select="i:t('ra.before')"/></td><td align="right"><xsl:value-of select="i:t('ra.after')"/></td><td><xsl:value-of select="i:t('ra.risks-after')"/></td></xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:for-each select="band">
            <xsl:sort select="position()" data-type="number" order="descending"/>
            <tr>
              <td fill="{@colour}"/>
              <td><xsl:value-of select="@label"/></td>
              <td align="right"><xsl:value-of select="@inherent"/></td>
              <td align="right"><xsl:value-of select="@residual"/></td>
              <td>
                <xsl:for-each select="../../risk[@residual-band = current()/@id]">
                  <xsl:if test="position() > 1">, </xsl:if>
                  <xsl:value-of select="@id"/>
                </xsl:for-each>
                <xsl:if test="not(../../risk[@residual-band = current()/@id])"><xsl:value-of select="$none"/></xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </keep>
  </xsl:template>

  <xsl:template match="by-owner">
    <h level="1"><xsl:value-of select="i:t('ra.by-owner')"/></h>
    <table widths="30 8 62" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="i:t('risk-owner')"/></td><td align="right"><xsl:value-of select="i:t('risks')"/></td><td><xsl:value-of select="i:t('ra.owned')"/></td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="owner">
          <tr>
            <td><xsl:apply-templates select="@title" mode="owner"/></td>
            <td align="right"><xsl:value-of select="@count"/></td>
            <td>
              <xsl:for-each select="risk">
                <p><xsl:value-of select="concat(@ref, ' ', @title, ' (', @residual-score, ' ', @residual-band-label, ')')"/></p>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- "Title (Holder)" of a by-owner entry -->
  <xsl:template match="@title" mode="owner">
    <xsl:value-of select="."/>
    <xsl:if test="string(../@holder)"> (<xsl:value-of select="../@holder"/>)</xsl:if>
  </xsl:template>

  <!-- ============ the register ============ -->

  <xsl:template match="risks" mode="register">
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('risk-register')"/></h>
    <table widths="8 38 3 10 3 10 28" style="grid">
      <thead>
        <tr>
          <td><xsl:value-of select="i:t('risk')"/></td>
          <td><xsl:value-of select="i:t('ra.col.risk')"/></td>
          <td span="2"><xsl:value-of select="i:t('inherent')"/></td>
          <td span="2"><xsl:value-of select="i:t('residual')"/></td>
          <td><xsl:value-of select="i:t('field.owner')"/></td>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="risk">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@id"/></td>
            <td>
              <xsl:copy-of select="@src"/>
              <p><xsl:copy-of select="title/@src"/><b><xsl:value-of select="title"/></b></p>
              <p style="small"><xsl:copy-of select="threat/@src"/><i><xsl:value-of select="i:t('threat')"/></i><xsl:apply-templates select="threat" mode="inline"/></p>
              <p style="small"><xsl:copy-of select="vulnerability/@src"/><i><xsl:value-of select="i:t('vulnerability')"/></i><xsl:apply-templates select="vulnerability" mode="inline"/></p>
            </td>
            <td fill="{@band-colour}"><xsl:copy-of select="@src"/></td>
            <td><xsl:copy-of select="inherent/@src"/><xsl:value-of select="concat(@score, ' ', @band-label)"/></td>
            <td fill="{@residual-band-colour}"><xsl:copy-of select="@src"/></td>
            <td><xsl:copy-of select="residual/@src"/><xsl:value-of select="concat(@residual-score, ' ', @residual-band-label)"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
