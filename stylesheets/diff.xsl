<?xml version="1.0" encoding="UTF-8"?>
<!--
  Change report (ismsc diff): what changed in the ISMS between two
  revisions of its sources, the input to a management review (ISO/IEC
  27001:2022 clause 9.3) and what an auditor asks for at a surveillance
  audit.

  Input (made by src/cmd_diff.c): the newer model's root with its
  attributes and its organization, and

    <changes from="v1.0" from-revision="..." from-date="..."
             to="the work tree" count="12">
      <scope count="1">  <context>  <controls>  <risks added=".." ...>
      <policies>: each holds
        <item kind="control" ref="A.5.15" title="Access control"
              change="added|removed|changed"
              rescored="yes" retreated="yes" accepted="yes">  (risks)
          <old>text</old> <new>text</new>          (a text that changed)
          <field name="status"><old>partial</old><new>implemented</new></field>
          <section path="Account lifecycle / Leavers" ref="ac-leavers"
                   change="...">                    (policies)
            <field name="title">...</field>
            <para change="changed|added|removed"><old/><new/></para>
          </section>
        </item>
    </changes>

  Every count is made by ismsc; the stylesheet presents.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="title" select="i:t('diff.title')"/>
  <xsl:variable name="c" select="/isms/changes"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('diff.subject')"/>
        <xsl:with-param name="keywords" select="i:t('diff.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="title-block">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <xsl:call-template name="fields">
        <xsl:with-param name="rows">
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('diff.from')"/>
            <xsl:with-param name="value"><xsl:apply-templates select="$c" mode="side"><xsl:with-param name="side">from</xsl:with-param></xsl:apply-templates></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('diff.to')"/>
            <xsl:with-param name="value"><xsl:apply-templates select="$c" mode="side"><xsl:with-param name="side">to</xsl:with-param></xsl:apply-templates></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('diff.changes')"/>
            <xsl:with-param name="value" select="string($c/@count)"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.date')"/>
            <xsl:with-param name="value"><xsl:call-template name="date"><xsl:with-param name="iso" select="$build-date"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.generated-by')"/>
            <xsl:with-param name="value" select="string(@generator)"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('summary')"/></h>
      <p align="justify"><xsl:copy-of select="i:t('diff.intro', $org)"/></p>
      <table widths="40 12 48" style="grid">
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td><xsl:value-of select="i:t('diff.area')"/></td><td align="right"><xsl:value-of select="i:t('diff.changes')"/></td><td><xsl:value-of select="i:t('diff.of-which')"/></td></xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:for-each select="$c/*">
            <tr>
              <td><xsl:apply-templates select="." mode="heading"/></td>
              <td align="right"><xsl:value-of select="@count"/></td>
              <td><xsl:apply-templates select="." mode="of-which"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <xsl:if test="$c/@count = 0">
        <p><xsl:value-of select="i:t('diff.nothing')"/></p>
      </xsl:if>

      <xsl:apply-templates select="$c/*[item]"/>
    </document>
  </xsl:template>

  <!-- "v1.0 (a1b2c3d4e5 of 2026-02-01)" -->
  <xsl:template match="changes" mode="side">
    <xsl:param name="side"/>
    <xsl:value-of select="@*[name() = $side]"/>
    <xsl:if test="@*[name() = concat($side, '-revision')]">
      <xsl:variable name="d"><xsl:call-template name="date"><xsl:with-param name="iso" select="@*[name() = concat($side, '-date')]"/></xsl:call-template></xsl:variable>
      <xsl:value-of select="concat(' (', i:t('revision.of', string(@*[name() = concat($side, '-revision')]), string($d)), ')')"/>
    </xsl:if>
  </xsl:template>

  <!-- messages diff.area.scope, diff.area.context, ... -->
  <xsl:template match="*" mode="heading"><xsl:value-of select="i:t(concat('diff.area.', local-name()))"/></xsl:template>

  <xsl:template match="*" mode="of-which">
    <xsl:for-each select="(@added | @removed | @changed | @rescored | @retreated | @accepted)[. > 0]">
      <xsl:if test="position() > 1">, </xsl:if>
      <xsl:value-of select="."/>
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="." mode="flag"/>
    </xsl:for-each>
    <xsl:if test="not(@count > 0)"><xsl:value-of select="$none"/></xsl:if>
  </xsl:template>

  <!-- messages diff.flag.added, ...: a count attribute by its name, a
       change by its value -->
  <xsl:template match="@*" mode="flag"><xsl:value-of select="i:t(concat('diff.flag.', local-name()))"/></xsl:template>
  <xsl:template match="@change" mode="flag"><xsl:value-of select="i:t(concat('diff.flag.', .))"/></xsl:template>

  <!-- ============ one section per area ============ -->

  <xsl:template match="changes/*">
    <h level="1"><xsl:apply-templates select="." mode="heading"/></h>
    <xsl:apply-templates select="item"/>
  </xsl:template>

  <xsl:template match="item">
    <keep>
      <p>
        <b><xsl:apply-templates select="." mode="name"/></b>
        <xsl:text>: </xsl:text>
        <xsl:apply-templates select="@change" mode="flag"/>
        <xsl:for-each select="@rescored | @retreated | @accepted">
          <xsl:text>, </xsl:text>
          <xsl:apply-templates select="." mode="flag"/>
        </xsl:for-each>
      </p>
      <xsl:if test="old | new | field">
        <table widths="24 38 38" style="grid">
          <xsl:call-template name="thead">
            <xsl:with-param name="cells"><td/><td><xsl:value-of select="i:t('diff.before')"/></td><td><xsl:value-of select="i:t('diff.after')"/></td></xsl:with-param>
          </xsl:call-template>
          <tbody>
            <xsl:if test="old | new">
              <tr><td><xsl:value-of select="i:t('diff.field.text')"/></td><xsl:call-template name="old-new"/></tr>
            </xsl:if>
            <xsl:apply-templates select="field"/>
          </tbody>
        </table>
      </xsl:if>
    </keep>
    <xsl:apply-templates select="section"/>
  </xsl:template>

  <xsl:template match="field">
    <tr>
      <td><xsl:apply-templates select="@name" mode="field-name"/></td>
      <xsl:call-template name="old-new"/>
    </tr>
  </xsl:template>

  <xsl:template name="old-new">
    <td>
      <xsl:apply-templates select="old" mode="value"/>
      <xsl:if test="not(old)"><xsl:value-of select="$none"/></xsl:if>
    </td>
    <td>
      <xsl:apply-templates select="new" mode="value"/>
      <xsl:if test="not(new)"><xsl:value-of select="$none"/></xsl:if>
    </td>
  </xsl:template>

  <!-- coded values in words -->
  <xsl:template match="old | new" mode="value">
    <xsl:variable name="f" select="string(../@name)"/>
    <!-- the same words as the documents use for the code -->
    <xsl:variable name="prefix">
      <xsl:choose>
        <xsl:when test="$f = 'status'">status</xsl:when>
        <xsl:when test="$f = 'applicable' or $f = 'relevant'">yes-no</xsl:when>
        <xsl:when test="$f = 'treatment'">option</xsl:when>
        <xsl:when test="$f = 'type'">issue-type</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:apply-templates select="." mode="code"><xsl:with-param name="prefix" select="$prefix"/></xsl:apply-templates>
  </xsl:template>

  <!-- messages diff.field.NAME -->
  <xsl:template match="@name" mode="field-name">
    <xsl:apply-templates select="." mode="code"><xsl:with-param name="prefix">diff.field</xsl:with-param></xsl:apply-templates>
  </xsl:template>

  <!-- what the item is: "A.5.15 Access control", "Issue ISS-03" -->
  <xsl:template match="item" mode="name">
    <xsl:choose>
      <xsl:when test="@kind = 'statement' or @kind = 'boundary' or @kind = 'exclusion' or @kind = 'issue' or @kind = 'climate-change' or @kind = 'party' or @kind = 'role'">
        <xsl:value-of select="i:t(concat('diff.item.', @kind), string(@ref), string(@title))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(@ref, ' ', @title)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a policy's section: its changed paragraphs, before and after -->
  <xsl:template match="section">
    <keep>
      <p><b><xsl:value-of select="i:t('diff.section', string(@path))"/></b>
        <xsl:if test="@ref"> (<xsl:value-of select="@ref"/>)</xsl:if>
        <xsl:text>: </xsl:text>
        <xsl:apply-templates select="@change" mode="flag"/>
      </p>
      <table widths="50 50" style="grid">
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td><xsl:value-of select="i:t('diff.before')"/></td><td><xsl:value-of select="i:t('diff.after')"/></td></xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:for-each select="field | para">
            <tr><xsl:call-template name="old-new"/></tr>
          </xsl:for-each>
          <xsl:if test="not(field | para)">
            <tr><td><xsl:value-of select="$none"/></td><td><xsl:value-of select="$none"/></td></tr>
          </xsl:if>
        </tbody>
      </table>
    </keep>
  </xsl:template>

</xsl:stylesheet>
