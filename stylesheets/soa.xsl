<?xml version="1.0" encoding="UTF-8"?>
<!--
  Statement of Applicability, ISO/IEC 27001:2022 clause 6.1.3 d).

  Title block and document control, an introduction, a summary of the
  counts per theme, then one section per theme (organization-defined
  controls last, in their own section) with one table of its controls.
  Controls carry the anchors "control-ID" that inline references link to.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="link-controls" select="true()"/>
  <xsl:variable name="title">Statement of Applicability</xsl:variable>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject">ISO/IEC 27001:2022 clause 6.1.3 d): Statement of Applicability</xsl:with-param>
        <xsl:with-param name="keywords">ISMS, ISO/IEC 27001:2022, Statement of Applicability, SoA, Annex A, controls</xsl:with-param>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1">Introduction</h>
      <p align="justify">This Statement of Applicability is required by clause 6.1.3 d) of ISO/IEC 27001:2022. It lists every control of Annex A of the standard and every control defined by <xsl:value-of select="$org"/>, and states for each whether it is applicable and how far it is implemented, the reasons for including it or the justification for excluding it, the risks it treats, its owner and the policies that implement it.</p>
      <xsl:for-each select="organization/scope/statement">
        <p align="justify"><xsl:copy-of select="@src"/><b>Scope of the ISMS: </b><xsl:apply-templates mode="inline"/></p>
      </xsl:for-each>

      <xsl:apply-templates select="controls" mode="summary"/>
      <xsl:apply-templates select="controls/theme"/>
      <xsl:apply-templates select="controls/attribute-summary"/>
    </document>
  </xsl:template>


  <!-- ============ summary: counts per theme ============ -->

  <xsl:template match="controls" mode="summary">
    <h level="1">Summary</h>
    <table widths="25 8 12 10 13 9 9 14" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells">
          <td>Theme</td>
          <td align="right">Total</td>
          <td align="right">Applicable</td>
          <td align="right">Excluded</td>
          <td align="right">Implemented</td>
          <td align="right">Partial</td>
          <td align="right">Planned</td>
          <td align="right">Not implemented</td>
        </xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="theme">
          <tr><xsl:call-template name="count-cells"/></tr>
        </xsl:for-each>
        <tr shade="yes"><xsl:call-template name="count-cells"/></tr>
      </tbody>
    </table>
    <figure type="bars" title="Implementation status by theme">
      <series id="implemented" label="Implemented" fill="#2e7d4f"/>
      <series id="partial" label="Partially implemented" fill="#e3a72f"/>
      <series id="planned" label="Planned" fill="#4a7fc1"/>
      <series id="not-implemented" label="Not implemented" fill="#c0392b"/>
      <series id="excluded" label="Excluded" fill="#b8bfc8"/>
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
        <xsl:otherwise><b>Total</b></xsl:otherwise>
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
          <td>Control</td>
          <td>Applies</td>
          <td>Status</td>
          <td>Reasons for inclusion or justification for exclusion</td>
          <td>Linked risks</td>
          <td>Owner</td>
          <td>Implementing policies</td>
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
              <xsl:when test="@new = 'yes'">New in 2022</xsl:when>
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
            <xsl:if test="@due and @status != 'implemented'"> (due <xsl:value-of select="@due"/>)</xsl:if>
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
        <xsl:if test="count(risk) > 10"> (+<xsl:value-of select="count(risk) - 10"/> more)</xsl:if>
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
      <b>Evidence: </b>
      <xsl:apply-templates mode="inline"/>
      <xsl:if test="@ticket | @file | @href">
        <xsl:if test="* or normalize-space()"><xsl:text> (</xsl:text></xsl:if>
        <xsl:if test="@ticket">ticket <xsl:value-of select="@ticket"/></xsl:if>
        <xsl:if test="@file">file <code><xsl:copy-of select="@src"/><xsl:value-of select="@file"/></code></xsl:if>
        <xsl:if test="@href"><a href="{@href}"><xsl:copy-of select="@src"/><xsl:value-of select="@href"/></a></xsl:if>
        <xsl:if test="* or normalize-space()"><xsl:text>)</xsl:text></xsl:if>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- ============ annex: applicable controls by attribute ============ -->

  <!-- one table per ISO/IEC 27002 attribute, with link's counts of the
       Annex A controls having each value -->
  <xsl:template match="attribute-summary">
    <h level="1">Annex: controls by ISO/IEC 27002 attribute</h>
    <p align="justify">ISO/IEC 27002:2022 gives each Annex A control five attributes. The tables below count, for each value, the Annex A controls that have it, how many of them apply to <xsl:value-of select="$org"/> and how many of those are implemented. A control may have several values of one attribute. In the control tables, C, I and A stand for confidentiality, integrity and availability.</p>
    <xsl:for-each select="attribute">
      <keep>
        <h level="2"><xsl:value-of select="@title"/></h>
        <table widths="46 18 18 18" style="grid">
          <xsl:call-template name="thead">
            <xsl:with-param name="cells">
              <td><xsl:value-of select="@title"/></td>
              <td align="right">Annex A controls</td>
              <td align="right">Applicable</td>
              <td align="right">Implemented</td>
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
