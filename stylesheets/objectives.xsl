<?xml version="1.0" encoding="UTF-8"?>
<!--
  Information security objectives, ISO/IEC 27001:2022 clause 6.2: a
  summary table of the objectives (measure and target, owner, due date,
  status), then one section per objective with its plan: what will be
  done, the resources, how the results are evaluated and the latest
  progress. From the model's <objectives>.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title" select="i:t('objectives.title')"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('objectives.subject')"/>
        <xsl:with-param name="keywords" select="i:t('objectives.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('introduction')"/></h>
      <p align="justify"><xsl:copy-of select="i:t('objectives.intro', $org)"/></p>
      <xsl:choose>
        <xsl:when test="objectives/objective">
          <xsl:apply-templates select="objectives" mode="summary"/>
          <h level="1"><xsl:value-of select="i:t('objectives.plans')"/></h>
          <xsl:apply-templates select="objectives/objective"/>
        </xsl:when>
        <xsl:otherwise>
          <p><b><xsl:value-of select="i:t('objectives.none')"/></b></p>
        </xsl:otherwise>
      </xsl:choose>
    </document>
  </xsl:template>

  <xsl:template match="objective/@status" mode="label">
    <xsl:apply-templates select="." mode="code"><xsl:with-param name="prefix">objective-status</xsl:with-param></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="objectives" mode="summary">
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('summary')"/></h>
    <table widths="11 24 26 16 12 11" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="i:t('objectives.col.objective')"/></td><td><xsl:value-of select="i:t('field.title')"/></td><td><xsl:value-of select="i:t('objectives.target')"/></td><td><xsl:value-of select="i:t('field.owner')"/></td><td><xsl:value-of select="i:t('objectives.col.due')"/></td><td><xsl:value-of select="i:t('field.status')"/></td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="objective">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><a to="objective-{@id}"><xsl:copy-of select="@src"/><xsl:value-of select="@id"/></a></td>
            <td><xsl:copy-of select="title/@src"/><xsl:value-of select="title"/></td>
            <td><xsl:copy-of select="target/@src"/><xsl:apply-templates select="target" mode="inline"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
            <td><xsl:copy-of select="@src"/><xsl:call-template name="date"><xsl:with-param name="iso" select="@due"/><xsl:with-param name="short" select="true()"/></xsl:call-template></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@status" mode="label"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="objective">
    <keep>
      <xsl:copy-of select="@src"/>
      <h level="2">
        <xsl:copy-of select="title/@src"/>
        <anchor id="objective-{@id}"><xsl:copy-of select="@src"/></anchor>
        <xsl:value-of select="concat(@id, ' ', title)"/>
      </h>
      <xsl:call-template name="fields">
        <xsl:with-param name="from" select="."/>
        <xsl:with-param name="rows">
          <xsl:call-template name="part">
            <xsl:with-param name="label" select="i:t('objectives.measure')"/>
            <xsl:with-param name="of" select="measure"/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label" select="i:t('objectives.target')"/>
            <xsl:with-param name="of" select="target"/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label" select="i:t('objectives.plan')"/>
            <xsl:with-param name="of" select="plan"/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label" select="i:t('objectives.resources')"/>
            <xsl:with-param name="of" select="resources"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('objectives.responsible')"/>
            <xsl:with-param name="value"><xsl:apply-templates select="@owner-title" mode="role"/></xsl:with-param>
            <xsl:with-param name="from" select="."/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('objectives.due')"/>
            <xsl:with-param name="value"><xsl:call-template name="date"><xsl:with-param name="iso" select="@due"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="from" select="."/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label" select="i:t('objectives.evaluation')"/>
            <xsl:with-param name="of" select="evaluation"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.status')"/>
            <xsl:with-param name="value"><xsl:apply-templates select="@status" mode="label"/></xsl:with-param>
            <xsl:with-param name="from" select="."/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label" select="i:t('objectives.progress')"/>
            <xsl:with-param name="of" select="progress"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </keep>
  </xsl:template>

  <!-- a field row from an optional element of the objective -->
  <xsl:template name="part">
    <xsl:param name="label"/>
    <xsl:param name="of"/>
    <xsl:if test="$of">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="$label"/>
        <xsl:with-param name="value"><xsl:apply-templates select="$of" mode="inline"/></xsl:with-param>
        <xsl:with-param name="from" select="$of"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
