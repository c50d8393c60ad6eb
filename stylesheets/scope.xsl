<?xml version="1.0" encoding="UTF-8"?>
<!--
  ISMS scope and context, ISO/IEC 27001:2022 clauses 4.1 to 4.3 (and the
  roles of 5.3): the scope statement with its boundaries and exclusions,
  the external and internal issues and whether climate change is
  relevant, the interested parties and their requirements, and the roles.
  Everything comes from the model's <organization>.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title">ISMS Scope and Context</xsl:variable>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject">ISO/IEC 27001:2022 clauses 4.1 to 4.3: context of the organization and scope of the ISMS</xsl:with-param>
        <xsl:with-param name="keywords">ISMS, ISO/IEC 27001:2022, scope, context, issues, interested parties, climate change</xsl:with-param>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1">Introduction</h>
      <p align="justify">This document records the context of <xsl:value-of select="$org"/> as ISO/IEC 27001:2022 requires: the external and internal issues relevant to its purpose that affect the information security management system (clause 4.1), the interested parties and their requirements (clause 4.2), and the scope of the ISMS with its boundaries (clause 4.3). It also lists the roles that hold ISMS responsibilities (clause 5.3).</p>
      <xsl:apply-templates select="organization"/>
    </document>
  </xsl:template>

  <xsl:template match="organization">
    <xsl:apply-templates select="scope"/>
    <xsl:apply-templates select="issues"/>
    <xsl:apply-templates select="interested-parties"/>
    <xsl:apply-templates select="roles"/>
  </xsl:template>

  <!-- 4.3 -->
  <xsl:template match="scope">
    <h level="1"><xsl:copy-of select="@src"/>Scope of the ISMS</h>
    <p align="justify"><xsl:copy-of select="statement/@src"/><xsl:apply-templates select="statement" mode="inline"/></p>
    <xsl:if test="boundary">
      <h level="2"><xsl:copy-of select="@src"/>Boundaries</h>
      <list>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="boundary">
          <li><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></li>
        </xsl:for-each>
      </list>
    </xsl:if>
    <h level="2"><xsl:copy-of select="@src"/>Exclusions</h>
    <xsl:if test="not(exclusion)"><p>Nothing within the organization is excluded from the ISMS.</p></xsl:if>
    <xsl:if test="exclusion">
      <list>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="exclusion">
          <li><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></li>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>

  <!-- 4.1 -->
  <xsl:template match="issues">
    <h level="1"><xsl:copy-of select="@src"/>External and internal issues</h>
    <xsl:call-template name="issue-table">
      <xsl:with-param name="heading">External issues</xsl:with-param>
      <xsl:with-param name="issues" select="issue[@type = 'external']"/>
    </xsl:call-template>
    <xsl:call-template name="issue-table">
      <xsl:with-param name="heading">Internal issues</xsl:with-param>
      <xsl:with-param name="issues" select="issue[@type = 'internal']"/>
    </xsl:call-template>
    <keep>
      <xsl:copy-of select="climate-change/@src"/>
      <h level="2"><xsl:copy-of select="climate-change/@src"/>Climate change</h>
      <p align="justify">
        <xsl:copy-of select="climate-change/@src"/>
        <b>
          <xsl:choose>
            <xsl:when test="climate-change/@relevant = 'yes'">Climate change is a relevant issue. </xsl:when>
            <xsl:otherwise>Climate change is not a relevant issue. </xsl:otherwise>
          </xsl:choose>
        </b>
        <xsl:apply-templates select="climate-change" mode="inline"/>
      </p>
    </keep>
  </xsl:template>

  <xsl:template name="issue-table">
    <xsl:param name="heading"/>
    <xsl:param name="issues"/>
    <xsl:if test="$issues">
      <h level="2"><xsl:copy-of select="@src"/><xsl:value-of select="$heading"/></h>
      <table widths="12 88" style="grid">
        <xsl:copy-of select="@src"/>
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td>Issue</td><td>Description</td></xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:copy-of select="@src"/>
          <xsl:for-each select="$issues">
            <tr>
              <xsl:copy-of select="@src"/>
              <td><xsl:copy-of select="@src"/><xsl:value-of select="@id"/></td>
              <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- 4.2 -->
  <xsl:template match="interested-parties">
    <h level="1"><xsl:copy-of select="@src"/>Interested parties and their requirements</h>
    <table widths="10 30 60" style="grid">
      <xsl:copy-of select="@src"/>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td>Party</td><td>Interested party</td><td>Requirements relevant to information security</td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="party">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@id"/></td>
            <td><xsl:copy-of select="name/@src"/><xsl:value-of select="name"/></td>
            <td>
              <xsl:copy-of select="@src"/>
              <xsl:for-each select="requirement">
                <p><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></p>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- 5.3 -->
  <xsl:template match="roles">
    <h level="1"><xsl:copy-of select="@src"/>Roles in the ISMS</h>
    <table widths="28 22 50" style="grid">
      <xsl:copy-of select="@src"/>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td>Role</td><td>Held by</td><td>Responsibilities</td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="role">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@title"/></td>
            <td>
              <xsl:copy-of select="@src"/>
              <xsl:value-of select="@holder"/>
              <xsl:if test="not(@holder)"><xsl:value-of select="$none"/></xsl:if>
            </td>
            <td>
              <xsl:copy-of select="@src"/>
              <xsl:apply-templates mode="inline"/>
              <xsl:if test="not(node())"><xsl:value-of select="$none"/></xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
