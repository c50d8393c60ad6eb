<?xml version="1.0" encoding="UTF-8"?>
<!--
  Risk assessment report, ISO/IEC 27001:2022 clause 8.2: the results of
  the information security risk assessment. A summary of the method
  (scales, bands, acceptance criteria), heat maps of the risks before and
  after treatment (figure type="matrix", from the counts link puts on the
  model's matrix cells), the risks by level and by owner (counts from
  risks/by-band and risks/by-owner), then the register itself.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title">Risk Assessment Report</xsl:variable>
  <xsl:variable name="method" select="/isms/risk-methodology"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject">ISO/IEC 27001:2022 clause 8.2: results of the information security risk assessment</xsl:with-param>
        <xsl:with-param name="keywords">ISMS, ISO/IEC 27001:2022, risk assessment, risk register, heat map</xsl:with-param>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1">Introduction</h>
      <p align="justify">This report gives the results of the information security risk assessment of <xsl:value-of select="$org"/>, as clause 8.2 of ISO/IEC 27001:2022 requires: <xsl:value-of select="risks/@count"/> risks, each with its owner, its rating before treatment (inherent) and after the treatment planned for it (residual). The treatment of each risk is set out in the risk treatment plan.</p>
      <xsl:apply-templates select="risk-methodology"/>
      <xsl:apply-templates select="risk-methodology/matrix" mode="heat-maps"/>
      <xsl:apply-templates select="risks/by-band"/>
      <xsl:apply-templates select="risks/by-owner"/>
      <xsl:apply-templates select="risks" mode="register"/>
    </document>
  </xsl:template>

  <!-- ============ method summary ============ -->

  <xsl:template match="risk-methodology">
    <h level="1"><xsl:copy-of select="@src"/>Method</h>
    <xsl:apply-templates select="description/*" mode="block"/>
    <p align="justify">
      <xsl:copy-of select="@src"/>
      <xsl:text>Likelihood is rated on a scale of </xsl:text>
      <xsl:call-template name="scale"><xsl:with-param name="levels" select="likelihood/level"/></xsl:call-template>
      <xsl:text>; impact on a scale of </xsl:text>
      <xsl:call-template name="scale"><xsl:with-param name="levels" select="impact/level"/></xsl:call-template>
      <xsl:text>. The score is the likelihood multiplied by the impact, and its band sets the response.</xsl:text>
    </p>
    <table widths="4 16 14 66" style="grid">
      <xsl:copy-of select="bands/@src"/>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td/><td>Band</td><td>Scores</td><td>Response</td></xsl:with-param>
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
      <b>Acceptance criteria: </b>
      <xsl:text>a residual risk with a score of </xsl:text>
      <xsl:value-of select="acceptance/@max-score"/>
      <xsl:text> or less meets the criteria. </xsl:text>
      <xsl:apply-templates select="acceptance" mode="inline"/>
    </p>
  </xsl:template>

  <!-- "1 (Rare) to 5 (Almost certain)" -->
  <xsl:template name="scale">
    <xsl:param name="levels"/>
    <xsl:for-each select="$levels">
      <xsl:sort select="@value" data-type="number"/>
      <xsl:if test="position() = 1"><xsl:value-of select="concat(@value, ' (', @label, ')')"/></xsl:if>
      <xsl:if test="position() = last()"><xsl:value-of select="concat(' to ', @value, ' (', @label, ')')"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- ============ risks by level and by owner ============ -->

  <xsl:template match="by-band">
    <keep>
      <h level="1">Risks by level</h>
      <table widths="4 26 20 20 30" style="grid">
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td/><td>Band</td><td align="right">Before treatment</td><td align="right">After treatment</td><td>Risks after treatment</td></xsl:with-param>
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
    <h level="1">Risks by owner</h>
    <table widths="30 8 62" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td>Risk owner</td><td align="right">Risks</td><td>Risks owned (residual score and band)</td></xsl:with-param>
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
    <h level="1"><xsl:copy-of select="@src"/>Risk register</h>
    <table widths="8 38 3 10 3 10 28" style="grid">
      <thead>
        <tr>
          <td>Risk</td>
          <td>Risk, threat and vulnerability</td>
          <td span="2">Inherent</td>
          <td span="2">Residual</td>
          <td>Owner</td>
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
              <p style="small"><xsl:copy-of select="threat/@src"/><i>Threat: </i><xsl:apply-templates select="threat" mode="inline"/></p>
              <p style="small"><xsl:copy-of select="vulnerability/@src"/><i>Vulnerability: </i><xsl:apply-templates select="vulnerability" mode="inline"/></p>
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
