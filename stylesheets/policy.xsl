<?xml version="1.0" encoding="UTF-8"?>
<!--
  One policy document (ISO/IEC 27001:2022 5.2, 7.5), chosen by the
  string parameter "policy" (its id, e.g. POL-01).

  Title block, document control, revision history, purpose, the controls
  the policy implements, then its sections (h level 1 to 4 by depth; deeper
  sections stay at 4). A policy whose approval does not cover its current
  version (the model's approved-version) is marked DRAFT.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="policy"/>
  <xsl:variable name="link-sections-of" select="$policy"/>

  <xsl:template match="/">
    <xsl:variable name="selected" select="isms/policies/policy[@id = $policy]"/>
    <xsl:if test="not($selected)">
      <xsl:message terminate="yes">policy.xsl: no policy with id "<xsl:value-of select="$policy"/>" in the model</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$selected"/>
  </xsl:template>

  <xsl:template match="policy">
    <document>
      <xsl:copy-of select="@src"/>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="normalize-space(title)"/>
        <xsl:with-param name="subject" select="i:t('policy.subject', string(@id), normalize-space(title), string(@version))"/>
        <xsl:with-param name="keywords">
          <xsl:value-of select="i:t('policy.keywords')"/>
          <xsl:text>, </xsl:text>
          <xsl:value-of select="@id"/>
          <xsl:for-each select="implements/control">
            <xsl:text>, </xsl:text>
            <xsl:apply-templates select="." mode="control-id"/>
          </xsl:for-each>
        </xsl:with-param>
        <xsl:with-param name="version" select="string(@version)"/>
        <xsl:with-param name="classification" select="@classification"/>
      </xsl:call-template>
      <!-- link sets approved-version when an approval covers a version -->
      <xsl:if test="not(@approved-version = @version)">
        <xsl:attribute name="marker"><xsl:value-of select="i:t('draft')"/></xsl:attribute>
      </xsl:if>

      <xsl:call-template name="title-block">
        <xsl:with-param name="title" select="string(title)"/>
        <xsl:with-param name="from" select="title"/>
      </xsl:call-template>
      <xsl:call-template name="document-control"/>
      <xsl:apply-templates select="history"/>
      <xsl:apply-templates select="purpose"/>
      <xsl:apply-templates select="implements"/>
      <toc title="{i:t('contents')}"/>
      <xsl:apply-templates select="section"/>
    </document>
  </xsl:template>

  <xsl:template name="document-control">
    <xsl:call-template name="fields">
      <xsl:with-param name="from" select="."/>
      <xsl:with-param name="rows">
        <xsl:call-template name="policy-field">
          <xsl:with-param name="label" select="i:t('field.document-id')"/>
          <xsl:with-param name="value" select="string(@id)"/>
        </xsl:call-template>
        <xsl:call-template name="policy-field">
          <xsl:with-param name="label" select="i:t('field.version')"/>
          <xsl:with-param name="value" select="string(@version)"/>
        </xsl:call-template>
        <xsl:call-template name="revision-field"><xsl:with-param name="from" select="."/></xsl:call-template>
        <xsl:call-template name="policy-field">
          <xsl:with-param name="label" select="i:t('field.classification')"/>
          <xsl:with-param name="value"><xsl:apply-templates select="@classification" mode="label"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="policy-field">
          <xsl:with-param name="label" select="i:t('field.owner')"/>
          <xsl:with-param name="value"><xsl:apply-templates select="@owner-title" mode="role"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="policy-field">
          <xsl:with-param name="label" select="i:t('field.approver')"/>
          <xsl:with-param name="value"><xsl:apply-templates select="@approver-title" mode="role"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="policy-field">
          <xsl:with-param name="label" select="i:t('field.approved')"/>
          <xsl:with-param name="value">
            <xsl:call-template name="date"><xsl:with-param name="iso" select="@approved"/></xsl:call-template>
            <xsl:if test="not(@approved)"><xsl:value-of select="i:t('policy.not-approved')"/></xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="policy-field">
          <xsl:with-param name="label" select="i:t('field.next-review')"/>
          <xsl:with-param name="value">
            <xsl:call-template name="date"><xsl:with-param name="iso" select="@next-review"/></xsl:call-template>
            <xsl:if test="not(@next-review)"><xsl:value-of select="$none"/></xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- a document control row; its source is the policy element -->
  <xsl:template name="policy-field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="$label"/>
      <xsl:with-param name="value" select="$value"/>
      <xsl:with-param name="from" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="history">
    <table widths="10 14 30 46" style="grid">
      <xsl:copy-of select="@src"/>
      <caption><xsl:copy-of select="@src"/><xsl:value-of select="i:t('policy.history')"/></caption>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="i:t('field.version')"/></td><td><xsl:value-of select="i:t('field.date')"/></td><td><xsl:value-of select="i:t('field.author')"/></td><td><xsl:value-of select="i:t('policy.changes')"/></td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="revision">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@version"/></td>
            <td><xsl:copy-of select="@src"/><xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/><xsl:with-param name="short" select="true()"/></xsl:call-template></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@author-title" mode="role"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="purpose">
    <p align="justify"><xsl:copy-of select="@src"/><b><xsl:value-of select="i:t('policy.purpose')"/></b><xsl:apply-templates mode="inline"/></p>
  </xsl:template>

  <xsl:template match="implements">
    <keep>
      <xsl:copy-of select="@src"/>
      <p><xsl:copy-of select="@src"/><b><xsl:value-of select="i:t('policy.implements')"/></b></p>
      <list>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="control">
          <li><xsl:copy-of select="@src"/><xsl:apply-templates select="." mode="control-label"/></li>
        </xsl:for-each>
      </list>
    </keep>
  </xsl:template>

  <!-- A section: its heading kept with its first block, the rest of its
       blocks, then its subsections one level down (at most level 4). -->
  <xsl:template match="section">
    <xsl:param name="level" select="1"/>
    <xsl:variable name="blocks" select="p | list | table"/>
    <keep>
      <xsl:copy-of select="@src"/>
      <h level="{$level}">
        <xsl:copy-of select="title/@src"/>
        <xsl:if test="@id"><xsl:attribute name="id">section-<xsl:value-of select="@id"/></xsl:attribute></xsl:if>
        <xsl:value-of select="title"/>
      </h>
      <xsl:apply-templates select="$blocks[1]" mode="block"/>
    </keep>
    <xsl:apply-templates select="$blocks[position() > 1]" mode="block"/>
    <xsl:apply-templates select="section">
      <xsl:with-param name="level" select="$level + number($level &lt; 4)"/>
    </xsl:apply-templates>
  </xsl:template>

</xsl:stylesheet>
