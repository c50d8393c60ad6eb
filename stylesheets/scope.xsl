<?xml version="1.0" encoding="UTF-8"?>
<!--
  ISMS scope and context, ISO/IEC 27001:2022 clauses 4.1 to 4.3 (and the
  roles of 5.3): the scope statement with its boundaries and exclusions,
  the external and internal issues and whether climate change is
  relevant, the interested parties and their requirements, and the roles.
  Everything comes from the model's <organization>.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title" select="i:t('scope.title')"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('scope.subject')"/>
        <xsl:with-param name="keywords" select="i:t('scope.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('introduction')"/></h>
      <p align="justify"><xsl:copy-of select="i:t('scope.intro', $org)"/></p>
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
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('scope.scope')"/></h>
    <p align="justify"><xsl:copy-of select="statement/@src"/><xsl:apply-templates select="statement" mode="inline"/></p>
    <xsl:if test="boundary">
      <h level="2"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('scope.boundaries')"/></h>
      <list>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="boundary">
          <li><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></li>
        </xsl:for-each>
      </list>
    </xsl:if>
    <h level="2"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('scope.exclusions')"/></h>
    <xsl:if test="not(exclusion)"><p><xsl:value-of select="i:t('scope.no-exclusions')"/></p></xsl:if>
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
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('scope.issues')"/></h>
    <xsl:call-template name="issue-table">
      <xsl:with-param name="heading" select="i:t('scope.external')"/>
      <xsl:with-param name="issues" select="issue[@type = 'external']"/>
    </xsl:call-template>
    <xsl:call-template name="issue-table">
      <xsl:with-param name="heading" select="i:t('scope.internal')"/>
      <xsl:with-param name="issues" select="issue[@type = 'internal']"/>
    </xsl:call-template>
    <keep>
      <xsl:copy-of select="climate-change/@src"/>
      <h level="2"><xsl:copy-of select="climate-change/@src"/><xsl:value-of select="i:t('climate-change')"/></h>
      <p align="justify">
        <xsl:copy-of select="climate-change/@src"/>
        <b>
          <xsl:choose>
            <xsl:when test="climate-change/@relevant = 'yes'"><xsl:value-of select="i:t('scope.climate-relevant')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('scope.climate-not-relevant')"/></xsl:otherwise>
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
          <xsl:with-param name="cells"><td><xsl:value-of select="i:t('scope.issue')"/></td><td><xsl:value-of select="i:t('scope.description')"/></td></xsl:with-param>
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
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('scope.parties')"/></h>
    <table widths="10 30 60" style="grid">
      <xsl:copy-of select="@src"/>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="i:t('scope.party')"/></td><td><xsl:value-of select="i:t('scope.interested-party')"/></td><td><xsl:value-of select="i:t('scope.requirements')"/></td></xsl:with-param>
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
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('scope.roles')"/></h>
    <table widths="28 22 50" style="grid">
      <xsl:copy-of select="@src"/>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="i:t('scope.role')"/></td><td><xsl:value-of select="i:t('scope.held-by')"/></td><td><xsl:value-of select="i:t('scope.responsibilities')"/></td></xsl:with-param>
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
