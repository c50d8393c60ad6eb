<?xml version="1.0" encoding="UTF-8"?>
<!--
  Statement of Applicability, ISO/IEC 27001:2022 clause 6.1.3 d).

  Title block and document control, an introduction, a summary of the
  counts per theme, then one section per theme (organization-defined
  controls last, in their own section) with one table of its controls.
  Controls carry the anchors "control-ID" that inline references link to.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="link-controls" select="true()"/>
  <xsl:variable name="title" select="i:t('soa.title')"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('soa.subject')"/>
        <xsl:with-param name="keywords" select="i:t('soa.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('introduction')"/></h>
      <p align="justify"><xsl:copy-of select="i:t('soa.intro', $org)"/></p>
      <xsl:for-each select="organization/scope/statement">
        <p align="justify"><xsl:copy-of select="@src"/><b><xsl:value-of select="i:t('soa.scope')"/></b><xsl:apply-templates mode="inline"/></p>
      </xsl:for-each>

      <xsl:apply-templates select="controls" mode="summary"/>
      <xsl:apply-templates select="controls/theme"/>
      <xsl:apply-templates select="controls/attribute-summary"/>
    </document>
  </xsl:template>


  <!-- ============ summary: counts per theme ============ -->

  <xsl:template match="controls" mode="summary">
    <h level="1"><xsl:value-of select="i:t('summary')"/></h>
    <table widths="25 8 12 10 13 9 9 14" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells">
          <td><xsl:value-of select="i:t('soa.theme')"/></td>
          <td align="right"><xsl:value-of select="i:t('soa.total')"/></td>
          <td align="right"><xsl:value-of select="i:t('soa.applicable')"/></td>
          <td align="right"><xsl:value-of select="i:t('soa.excluded')"/></td>
          <td align="right"><xsl:value-of select="i:t('status.implemented')"/></td>
          <td align="right"><xsl:value-of select="i:t('soa.partial')"/></td>
          <td align="right"><xsl:value-of select="i:t('status.planned')"/></td>
          <td align="right"><xsl:value-of select="i:t('status.not-implemented')"/></td>
        </xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="theme">
          <tr><xsl:call-template name="count-cells"/></tr>
        </xsl:for-each>
        <tr shade="yes"><xsl:call-template name="count-cells"/></tr>
      </tbody>
    </table>
    <figure type="bars" title="{i:t('soa.chart')}">
      <series id="implemented" label="{i:t('status.implemented')}" fill="#2e7d4f"/>
      <series id="partial" label="{i:t('status.partial')}" fill="#e3a72f"/>
      <series id="planned" label="{i:t('status.planned')}" fill="#4a7fc1"/>
      <series id="not-implemented" label="{i:t('status.not-implemented')}" fill="#c0392b"/>
      <series id="excluded" label="{i:t('soa.excluded')}" fill="#b8bfc8"/>
      <xsl:for-each select="theme">
        <bar>
          <xsl:attribute name="label"><xsl:apply-templates select="." mode="heading"/></xsl:attribute>
          <value series="implemented" n="{@implemented}"/>
          <value series="partial" n="{@partial}"/>
          <value series="planned" n="{@planned}"/>
          <value series="not-implemented" n="{@not-implemented}"/>
          <value series="excluded" n="{@excluded}"/>
        </bar>
      </xsl:for-each>
    </figure>
  </xsl:template>

  <!-- the cells of one summary row, from a theme or (the total) from controls -->
  <xsl:template name="count-cells">
    <td>
      <xsl:choose>
        <xsl:when test="self::theme"><xsl:apply-templates select="." mode="heading"/></xsl:when>
        <xsl:otherwise><b><xsl:value-of select="i:t('soa.total')"/></b></xsl:otherwise>
      </xsl:choose>
    </td>
    <td align="right"><xsl:value-of select="@total"/></td>
    <td align="right"><xsl:value-of select="@applicable"/></td>
    <td align="right"><xsl:value-of select="@excluded"/></td>
    <td align="right"><xsl:value-of select="@implemented"/></td>
    <td align="right"><xsl:value-of select="@partial"/></td>
    <td align="right"><xsl:value-of select="@planned"/></td>
    <td align="right"><xsl:value-of select="@not-implemented"/></td>
  </xsl:template>

  <!-- "A.5 Organizational controls"; a theme without a clause by its title -->
  <xsl:template match="theme" mode="heading">
    <xsl:if test="@clause">A.<xsl:value-of select="@clause"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="@title"/>
  </xsl:template>


  <!-- ============ one section per theme ============ -->

  <xsl:template match="theme">
    <h level="1"><xsl:copy-of select="@src"/><xsl:apply-templates select="." mode="heading"/></h>
    <table widths="18 9 13 25 8 13 14" style="grid">
      <xsl:copy-of select="@src"/>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells">
          <td><xsl:value-of select="i:t('control')"/></td>
          <td><xsl:value-of select="i:t('soa.applies')"/></td>
          <td><xsl:value-of select="i:t('field.status')"/></td>
          <td><xsl:value-of select="i:t('soa.reasons')"/></td>
          <td><xsl:value-of select="i:t('soa.risks')"/></td>
          <td><xsl:value-of select="i:t('field.owner')"/></td>
          <td><xsl:value-of select="i:t('soa.policies')"/></td>
        </xsl:with-param>
      </xsl:call-template>
      <tbody><xsl:copy-of select="@src"/><xsl:apply-templates select="control"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="control">
    <tr>
      <xsl:copy-of select="@src"/>
      <!-- Control: anchor, id, title (and the description of an
           organization-defined control); ISO/IEC 27002 control type and
           security properties; ISO/IEC 27001:2013 predecessors -->
      <td>
        <xsl:copy-of select="@src"/>
        <p><xsl:copy-of select="@src"/><xsl:call-template name="control-name"/></p>
        <xsl:if test="description">
          <p style="note"><xsl:copy-of select="description/@src"/><xsl:apply-templates select="description" mode="inline"/></p>
        </xsl:if>
        <xsl:if test="attributes">
          <p style="note">
            <xsl:copy-of select="@src"/>
            <xsl:for-each select="attributes/attribute[@id = 'control-type']/value">
              <xsl:if test="position() > 1">, </xsl:if>
              <xsl:value-of select="@label"/>
            </xsl:for-each>
            <xsl:text> · </xsl:text>
            <xsl:for-each select="attributes/attribute[@id = 'properties']/value">
              <xsl:if test="position() > 1">, </xsl:if>
              <xsl:value-of select="substring(@label, 1, 1)"/>
            </xsl:for-each>
          </p>
          <p style="note">
            <xsl:copy-of select="@src"/>
            <xsl:choose>
              <xsl:when test="@new = 'yes'"><xsl:value-of select="i:t('soa.new')"/></xsl:when>
              <xsl:otherwise>
                <xsl:text>2013: </xsl:text>
                <xsl:for-each select="predecessor">
                  <xsl:if test="position() > 1">, </xsl:if>
                  <xsl:value-of select="concat('A.', @id)"/>
                </xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:if>
      </td>
      <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@applicable" mode="label"/></td>
      <td>
        <xsl:copy-of select="@src"/>
        <xsl:choose>
          <xsl:when test="@applicable = 'yes' and @status">
            <xsl:apply-templates select="@status" mode="label"/>
            <xsl:if test="@due and @status != 'implemented'">
              <xsl:variable name="due"><xsl:call-template name="date"><xsl:with-param name="iso" select="@due"/><xsl:with-param name="short" select="true()"/></xsl:call-template></xsl:variable>
              <xsl:value-of select="i:t('soa.due', string($due))"/>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$none"/></xsl:otherwise>
        </xsl:choose>
      </td>
      <!-- reasons (applicable) or justification (excluded) -->
      <td>
        <xsl:copy-of select="@src"/>
        <xsl:choose>
          <xsl:when test="@applicable = 'yes' and reason">
            <xsl:apply-templates select="reason"/>
            <xsl:apply-templates select="evidence"/>
          </xsl:when>
          <xsl:when test="@applicable = 'no' and justification"><xsl:apply-templates select="justification" mode="inline"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$none"/></xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:copy-of select="@src"/>
        <!-- at most ten: the risk register names every control of a risk -->
        <xsl:for-each select="risk[position() &lt;= 10]">
          <xsl:if test="position() > 1">, </xsl:if>
          <xsl:value-of select="@ref"/>
        </xsl:for-each>
        <xsl:if test="count(risk) > 10"><xsl:value-of select="i:t('soa.more', count(risk) - 10)"/></xsl:if>
        <xsl:if test="not(risk)"><xsl:value-of select="$none"/></xsl:if>
      </td>
      <td>
        <xsl:copy-of select="@src"/>
        <xsl:apply-templates select="@owner-title" mode="role"/>
        <xsl:if test="not(@owner-title)"><xsl:value-of select="$none"/></xsl:if>
      </td>
      <td>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="policy">
          <p><xsl:copy-of select="@src"/><xsl:value-of select="concat(@ref, ' ', @title)"/></p>
        </xsl:for-each>
        <xsl:if test="not(policy)"><xsl:value-of select="$none"/></xsl:if>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="control-name">
    <anchor id="control-{@id}"><xsl:copy-of select="@src"/></anchor>
    <b><xsl:apply-templates select="." mode="control-id"/></b>
    <xsl:text> </xsl:text>
    <xsl:value-of select="@title"/>
  </xsl:template>

  <!-- "Evidence: text (ticket SEC-1234)", one paragraph per evidence -->
  <xsl:template match="evidence">
    <p style="note">
      <xsl:copy-of select="@src"/>
      <b><xsl:value-of select="i:t('soa.evidence')"/></b>
      <xsl:apply-templates mode="inline"/>
      <xsl:if test="@ticket | @file | @href">
        <xsl:if test="* or normalize-space()"><xsl:text> (</xsl:text></xsl:if>
        <xsl:if test="@ticket"><xsl:value-of select="i:t('soa.ticket', string(@ticket))"/></xsl:if>
        <xsl:if test="@file"><xsl:value-of select="i:t('soa.file')"/><code><xsl:copy-of select="@src"/><xsl:value-of select="@file"/></code></xsl:if>
        <xsl:if test="@href"><a href="{@href}"><xsl:copy-of select="@src"/><xsl:value-of select="@href"/></a></xsl:if>
        <xsl:if test="* or normalize-space()"><xsl:text>)</xsl:text></xsl:if>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- ============ annex: applicable controls by attribute ============ -->

  <!-- one table per ISO/IEC 27002 attribute, with link's counts of the
       Annex A controls having each value -->
  <xsl:template match="attribute-summary">
    <h level="1"><xsl:value-of select="i:t('soa.annex')"/></h>
    <p align="justify"><xsl:copy-of select="i:t('soa.annex-intro', $org)"/></p>
    <xsl:for-each select="attribute">
      <keep>
        <h level="2"><xsl:value-of select="@title"/></h>
        <table widths="46 18 18 18" style="grid">
          <xsl:call-template name="thead">
            <xsl:with-param name="cells">
              <td><xsl:value-of select="@title"/></td>
              <td align="right"><xsl:value-of select="i:t('soa.annex-controls')"/></td>
              <td align="right"><xsl:value-of select="i:t('soa.applicable')"/></td>
              <td align="right"><xsl:value-of select="i:t('status.implemented')"/></td>
            </xsl:with-param>
          </xsl:call-template>
          <tbody>
            <xsl:for-each select="value">
              <tr>
                <td><xsl:value-of select="@label"/></td>
                <td align="right"><xsl:value-of select="@total"/></td>
                <td align="right"><xsl:value-of select="@applicable"/></td>
                <td align="right"><xsl:value-of select="@implemented"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </keep>
    </xsl:for-each>
  </xsl:template>

  <!-- "Risk treatment: text", one paragraph per reason -->
  <xsl:template match="reason">
    <p>
      <xsl:copy-of select="@src"/>
      <b><xsl:apply-templates select="@type" mode="label"/></b>
      <xsl:if test="* or normalize-space()">: <xsl:apply-templates mode="inline"/></xsl:if>
    </p>
  </xsl:template>

</xsl:stylesheet>
