<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index of an audit pack (ismsc pack): a cover for the auditor, then a
  table of every document of the pack.

  Input (made by src/cmd_pack.c): the model's root with its attributes
  (org, date, generator, and the revision data of the sources), its
  <organization>, and

    <pack>
      <document name="POL-02" kind="policy" file="policies/POL-02.pdf"
                title="Access Control Policy" pages="5" sha256="..."
                revision="..." revision-date="..." uncommitted="yes"
                changed-since-approval="yes"
                id="POL-02" version="2.2" approved="2026-04-08"
                approved-version="2.2"/>   (the last four: policies only)
      ...
    </pack>

  Like every stylesheet it presents; the hashes and page counts are
  measured by ismsc after it has made the documents.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title" select="i:t('index.title')"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('index.subject')"/>
        <xsl:with-param name="keywords" select="i:t('index.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="title-block">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <xsl:call-template name="fields">
        <xsl:with-param name="rows">
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.organization')"/>
            <xsl:with-param name="value" select="$org"/>
            <xsl:with-param name="from" select="organization/name"/>
          </xsl:call-template>
          <xsl:for-each select="organization/scope/statement">
            <xsl:call-template name="field">
              <xsl:with-param name="label" select="i:t('field.scope')"/>
              <xsl:with-param name="value"><xsl:apply-templates mode="inline"/></xsl:with-param>
              <xsl:with-param name="from" select="."/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.date')"/>
            <xsl:with-param name="value"><xsl:call-template name="date"><xsl:with-param name="iso" select="$build-date"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.source-revision')"/>
            <xsl:with-param name="value">
              <xsl:choose>
                <xsl:when test="@revision"><xsl:call-template name="revision-of"/></xsl:when>
                <xsl:when test="@uncommitted = 'yes'"><xsl:value-of select="i:t('revision.uncommitted')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('revision.no-git')"/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@revision and @uncommitted = 'yes'"><xsl:value-of select="i:t('revision.with-changes')"/></xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('index.documents')"/>
            <xsl:with-param name="value" select="count(pack/document)"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.generated-by')"/>
            <xsl:with-param name="value" select="string(@generator)"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('index.documents')"/></h>
      <p align="justify"><xsl:copy-of select="i:t('index.intro')"/></p>
      <table widths="47 14 28 11" style="grid">
        <xsl:call-template name="thead">
          <xsl:with-param name="cells">
            <td><xsl:value-of select="i:t('index.col.document')"/></td>
            <td><xsl:value-of select="i:t('field.version')"/></td>
            <td><xsl:value-of select="i:t('index.col.approval')"/></td>
            <td align="right"><xsl:value-of select="i:t('index.col.pages')"/></td>
          </xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:apply-templates select="pack/document"/>
        </tbody>
      </table>
    </document>
  </xsl:template>

  <xsl:template match="document">
    <tr>
      <td>
        <p><b><xsl:value-of select="@title"/></b></p>
        <p style="small"><code><xsl:value-of select="@file"/></code></p>
        <xsl:if test="@revision">
          <p style="small"><xsl:value-of select="i:t('field.revision')"/><xsl:text> </xsl:text><xsl:call-template name="revision-of"/></p>
        </xsl:if>
        <!-- 64 hex digits in two lines of 32 -->
        <p style="small"><code><xsl:value-of select="substring(@sha256, 1, 32)"/></code></p>
        <p style="small"><code><xsl:value-of select="substring(@sha256, 33)"/></code></p>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="@kind = 'policy'"><xsl:value-of select="@version"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$build-version"/></xsl:otherwise>
        </xsl:choose>
      </td>
      <td><xsl:apply-templates select="." mode="approval"/></td>
      <td align="right"><xsl:value-of select="@pages"/></td>
    </tr>
  </xsl:template>

  <!-- the approval state: a policy version is approved when an approval
       covers it (approved-version, from link) and its file has not changed
       since (changed-since-approval, from git); other documents are made
       from the sources -->
  <xsl:template match="document" mode="approval">
    <xsl:variable name="approved"><xsl:call-template name="date"><xsl:with-param name="iso" select="@approved"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="@kind != 'policy'"><xsl:value-of select="i:t('index.generated')"/></xsl:when>
      <xsl:when test="@changed-since-approval = 'yes'"><xsl:value-of select="i:t('index.changed-since', string($approved))"/></xsl:when>
      <xsl:when test="@approved-version = @version"><xsl:value-of select="i:t('index.approved', string($approved))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('index.not-approved')"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@uncommitted = 'yes'"><xsl:value-of select="i:t('index.uncommitted')"/></xsl:if>
  </xsl:template>

</xsl:stylesheet>
