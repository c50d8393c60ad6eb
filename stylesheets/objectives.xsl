<?xml version="1.0" encoding="UTF-8"?>
<!--
  Information security objectives, ISO/IEC 27001:2022 clause 6.2: a
  summary table of the objectives (measure and target, owner, due date,
  status), then one section per objective with its plan: what will be
  done, the resources, how the results are evaluated and the latest
  progress. From the model's <objectives>.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title">Information Security Objectives</xsl:variable>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject">ISO/IEC 27001:2022 clause 6.2: information security objectives and planning to achieve them</xsl:with-param>
        <xsl:with-param name="keywords">ISMS, ISO/IEC 27001:2022, information security objectives, measures, targets</xsl:with-param>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1">Introduction</h>
      <p align="justify">ISO/IEC 27001:2022 clause 6.2 requires <xsl:value-of select="$org"/> to set information security objectives that are consistent with the information security policy, measurable where practicable, monitored, communicated and updated, and to plan how to achieve them: what will be done, with what resources, who is responsible, when it will be completed and how the results will be evaluated. This document records them.</p>
      <xsl:choose>
        <xsl:when test="objectives/objective">
          <xsl:apply-templates select="objectives" mode="summary"/>
          <h level="1">The objectives and their plans</h>
          <xsl:apply-templates select="objectives/objective"/>
        </xsl:when>
        <xsl:otherwise>
          <p><b>No information security objectives are recorded in the sources.</b></p>
        </xsl:otherwise>
      </xsl:choose>
    </document>
  </xsl:template>

  <xsl:template match="objective/@status" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'not-started'">Not started</xsl:when>
      <xsl:when test=". = 'on-track'">On track</xsl:when>
      <xsl:when test=". = 'at-risk'">At risk</xsl:when>
      <xsl:when test=". = 'achieved'">Achieved</xsl:when>
      <xsl:when test=". = 'missed'">Missed</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="objectives" mode="summary">
    <h level="1"><xsl:copy-of select="@src"/>Summary</h>
    <table widths="11 24 26 16 12 11" style="grid">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td>Objective</td><td>Title</td><td>Target</td><td>Owner</td><td>Due</td><td>Status</td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="objective">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><a to="objective-{@id}"><xsl:copy-of select="@src"/><xsl:value-of select="@id"/></a></td>
            <td><xsl:copy-of select="title/@src"/><xsl:value-of select="title"/></td>
            <td><xsl:copy-of select="target/@src"/><xsl:apply-templates select="target" mode="inline"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@due"/></td>
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
            <xsl:with-param name="label">Measure</xsl:with-param>
            <xsl:with-param name="of" select="measure"/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label">Target</xsl:with-param>
            <xsl:with-param name="of" select="target"/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label">What will be done</xsl:with-param>
            <xsl:with-param name="of" select="plan"/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label">Resources</xsl:with-param>
            <xsl:with-param name="of" select="resources"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Responsible</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="@owner-title" mode="role"/></xsl:with-param>
            <xsl:with-param name="from" select="."/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">To be completed by</xsl:with-param>
            <xsl:with-param name="value" select="string(@due)"/>
            <xsl:with-param name="from" select="."/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label">How results are evaluated</xsl:with-param>
            <xsl:with-param name="of" select="evaluation"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Status</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="@status" mode="label"/></xsl:with-param>
            <xsl:with-param name="from" select="."/>
          </xsl:call-template>
          <xsl:call-template name="part">
            <xsl:with-param name="label">Progress</xsl:with-param>
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
