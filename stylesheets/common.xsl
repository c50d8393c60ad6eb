<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared templates of the ismsc stylesheets: read the model (doc/model.md),
  write the layout vocabulary (schema/layout.rng). Imported by soa.xsl,
  rtp.xsl and policy.xsl.

  Stylesheets present; they never compute, count or look up: every number,
  label and name is already in the model. Every layout element made from a
  model element carries that element's src="FILE:LINE" (copied with
  <xsl:copy-of select="@src"/>, which copies nothing when there is none).

  Modes:
    inline  model inline content (text, em, strong, code, link and the
            references control, risk, policy, xref) -> layout inline
    block   model blocks (p, list, table) -> layout blocks
    label   a coded attribute (status, option, reason type, ...) -> its words
    role    an X-title attribute or a role element -> "Title (Holder)"
    control-id  a control or control reference -> "A.5.15" (or "NL-01")
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="org" select="string(/isms/@org)"/>
  <xsl:variable name="build-date" select="string(/isms/@date)"/>
  <!-- generated documents (SoA, RTP) are versioned by their build date -->
  <xsl:variable name="build-version" select="translate($build-date, '-', '.')"/>
  <xsl:variable name="default-classification" select="/isms/organization/defaults/@classification"/>
  <!-- written in a cell or field that has nothing to say -->
  <xsl:variable name="none">–</xsl:variable>

  <!-- Which internal link targets the document being made contains. A
       reference whose target is in another document is written as text.
       The importing stylesheet overrides these. -->
  <xsl:variable name="link-controls" select="false()"/>
  <xsl:variable name="link-risks" select="false()"/>
  <!-- the policy whose sections are in this document -->
  <xsl:variable name="link-sections-of" select="''"/>


  <!-- ================= document frame ================= -->

  <!-- the attributes of <document>; call right after opening it -->
  <xsl:template name="document-attributes">
    <xsl:param name="title"/>
    <xsl:param name="subject"/>
    <xsl:param name="keywords"/>
    <xsl:param name="version"/>
    <xsl:param name="classification" select="$default-classification"/>
    <xsl:attribute name="title"><xsl:value-of select="$title"/></xsl:attribute>
    <xsl:attribute name="author"><xsl:value-of select="$org"/></xsl:attribute>
    <xsl:attribute name="subject"><xsl:value-of select="$subject"/></xsl:attribute>
    <xsl:attribute name="keywords"><xsl:value-of select="$keywords"/></xsl:attribute>
    <xsl:attribute name="lang">en-GB</xsl:attribute>
    <xsl:attribute name="header-left"><xsl:value-of select="$org"/></xsl:attribute>
    <xsl:attribute name="header-right"><xsl:value-of select="$title"/></xsl:attribute>
    <xsl:attribute name="footer-left">
      <xsl:text>Classification: </xsl:text>
      <xsl:apply-templates select="$classification" mode="label"/>
      <xsl:text> · Version </xsl:text>
      <xsl:value-of select="$version"/>
    </xsl:attribute>
    <!-- sources not committed, or a policy changed since its approval
         (the view's revision data, src/state.h): a draft on every page -->
    <xsl:if test="/isms/@uncommitted = 'yes' or /isms/@changed-since-approval = 'yes'">
      <xsl:attribute name="marker">DRAFT</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- the document title and the organization name under it -->
  <xsl:template name="title-block">
    <xsl:param name="title"/>
    <xsl:param name="from" select="/.."/>
    <h level="0"><xsl:copy-of select="$from/@src"/><xsl:value-of select="$title"/></h>
    <p style="lead"><xsl:copy-of select="/isms/organization/name/@src"/><xsl:value-of select="$org"/></p>
  </xsl:template>

  <!-- a fields table (label | value); rows made with the "field" template -->
  <xsl:template name="fields">
    <xsl:param name="rows"/>
    <xsl:param name="from" select="/.."/>
    <table widths="26 74" style="fields">
      <xsl:copy-of select="$from/@src"/>
      <tbody><xsl:copy-of select="$from/@src"/><xsl:copy-of select="$rows"/></tbody>
    </table>
  </xsl:template>

  <!-- value: inline content, or blocks (p, list); never both -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="from" select="/.."/>
    <tr>
      <xsl:copy-of select="$from/@src"/>
      <td><xsl:copy-of select="$from/@src"/><xsl:value-of select="$label"/></td>
      <td><xsl:copy-of select="$from/@src"/><xsl:copy-of select="$value"/></td>
    </tr>
  </xsl:template>

  <!-- title block and document control of a generated document (SoA, RTP) -->
  <xsl:template name="generated-front">
    <xsl:param name="title"/>
    <xsl:variable name="ciso" select="/isms/organization/roles/role[@id = 'ciso']"/>
    <xsl:call-template name="title-block">
      <xsl:with-param name="title" select="$title"/>
    </xsl:call-template>
    <xsl:call-template name="fields">
      <xsl:with-param name="rows">
        <xsl:call-template name="field">
          <xsl:with-param name="label">Version</xsl:with-param>
          <xsl:with-param name="value" select="$build-version"/>
        </xsl:call-template>
        <xsl:if test="$ciso">
          <xsl:call-template name="field">
            <xsl:with-param name="label">Owner</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="$ciso" mode="role"/></xsl:with-param>
            <xsl:with-param name="from" select="$ciso"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="field">
          <xsl:with-param name="label">Build date</xsl:with-param>
          <xsl:with-param name="value" select="$build-date"/>
        </xsl:call-template>
        <xsl:call-template name="revision-field"/>
        <xsl:call-template name="field">
          <xsl:with-param name="label">Classification</xsl:with-param>
          <xsl:with-param name="value"><xsl:apply-templates select="$default-classification" mode="label"/></xsl:with-param>
          <xsl:with-param name="from" select="$default-classification/.."/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label">Generated by</xsl:with-param>
          <xsl:with-param name="value" select="string(/isms/@generator)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
      <toc/>
  </xsl:template>

  <!-- The document control row "Revision": the last commit that changed
       the document's sources ("a1b2c3d4e5 of 2026-04-08"), and whether
       they changed since. Nothing outside git. -->
  <xsl:template name="revision-field">
    <xsl:param name="from" select="/.."/>
    <xsl:variable name="r" select="/isms"/>
    <xsl:if test="$r/@revision or $r/@uncommitted = 'yes'">
      <xsl:call-template name="field">
        <xsl:with-param name="label">Revision</xsl:with-param>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$r/@revision"><xsl:value-of select="concat($r/@revision, ' of ', $r/@revision-date)"/></xsl:when>
            <xsl:otherwise>Not yet committed</xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$r/@revision and $r/@uncommitted = 'yes'">, with uncommitted changes</xsl:if>
          <xsl:if test="$r/@changed-since-approval = 'yes'">, changed since approval</xsl:if>
        </xsl:with-param>
        <xsl:with-param name="from" select="$from"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- a header row for a table: <xsl:with-param name="cells"><td>..</td>...</xsl:with-param> -->
  <xsl:template name="thead">
    <xsl:param name="cells"/>
    <thead><tr><xsl:copy-of select="$cells"/></tr></thead>
  </xsl:template>


  <!-- ================= roles ================= -->

  <!-- "Title (Holder)": select the X-title attribute; X-holder is its sibling -->
  <xsl:template match="@*" mode="role">
    <xsl:variable name="holder"
        select="../@*[name() = concat(substring-before(name(current()), '-title'), '-holder')]"/>
    <xsl:value-of select="."/>
    <xsl:if test="string($holder)"> (<xsl:value-of select="$holder"/>)</xsl:if>
  </xsl:template>

  <xsl:template match="role" mode="role">
    <xsl:value-of select="@title"/>
    <xsl:if test="string(@holder)"> (<xsl:value-of select="@holder"/>)</xsl:if>
  </xsl:template>


  <!-- ================= labels ================= -->
  <!-- The words for the model's codes live here, and only here. -->

  <xsl:template match="@status" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'implemented'">Implemented</xsl:when>
      <xsl:when test=". = 'partial'">Partially implemented</xsl:when>
      <xsl:when test=". = 'planned'">Planned</xsl:when>
      <xsl:when test=". = 'not-implemented'">Not implemented</xsl:when>
      <!-- treatment actions -->
      <xsl:when test=". = 'open'">Open</xsl:when>
      <xsl:when test=". = 'in-progress'">In progress</xsl:when>
      <xsl:when test=". = 'done'">Done</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="@option" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'modify'">Modify</xsl:when>
      <xsl:when test=". = 'retain'">Retain</xsl:when>
      <xsl:when test=". = 'avoid'">Avoid</xsl:when>
      <xsl:when test=". = 'share'">Share</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="reason/@type" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'risk'">Risk treatment</xsl:when>
      <xsl:when test=". = 'legal'">Legal or regulatory</xsl:when>
      <xsl:when test=". = 'contractual'">Contractual</xsl:when>
      <xsl:when test=". = 'business'">Business requirement</xsl:when>
      <xsl:when test=". = 'best-practice'">Best practice</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="@classification" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'public'">Public</xsl:when>
      <xsl:when test=". = 'internal'">Internal</xsl:when>
      <xsl:when test=". = 'confidential'">Confidential</xsl:when>
      <xsl:when test=". = 'restricted'">Restricted</xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="@applicable" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'yes'">Yes</xsl:when>
      <xsl:otherwise>No</xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ================= controls ================= -->

  <!-- Annex A controls show as "A.5.15"; organization-defined ones (the
       model marks them and references to them custom="yes") keep their id. -->
  <xsl:template match="control" mode="control-id">
    <xsl:if test="not(@custom = 'yes')">A.</xsl:if>
    <xsl:value-of select="concat(@id, @ref)"/>
  </xsl:template>

  <!-- "A.5.15 Access control" -->
  <xsl:template match="control" mode="control-label">
    <xsl:apply-templates select="." mode="control-id"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="@title"/>
  </xsl:template>


  <!-- ================= inline ================= -->

  <xsl:template match="em" mode="inline">
    <i><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></i>
  </xsl:template>

  <xsl:template match="strong" mode="inline">
    <b><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></b>
  </xsl:template>

  <xsl:template match="code" mode="inline">
    <code><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></code>
  </xsl:template>

  <xsl:template match="link" mode="inline">
    <a href="{@href}"><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></a>
  </xsl:template>

  <xsl:template match="control" mode="inline">
    <xsl:choose>
      <xsl:when test="$link-controls">
        <a to="control-{@ref}"><xsl:copy-of select="@src"/><xsl:apply-templates select="." mode="control-label"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="control-label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="risk" mode="inline">
    <xsl:choose>
      <xsl:when test="$link-risks">
        <a to="risk-{@ref}"><xsl:copy-of select="@src"/><xsl:value-of select="@ref"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@ref"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="policy" mode="inline">
    <xsl:value-of select="@title"/>
  </xsl:template>

  <!-- a section of this document is linked (an xref without a policy is
       taken to be in the document); one of another policy is named with
       that policy's id -->
  <xsl:template match="xref" mode="inline">
    <xsl:choose>
      <xsl:when test="$link-sections-of != '' and (not(@policy) or @policy = $link-sections-of)">
        <a to="section-{@section}"><xsl:copy-of select="@src"/><xsl:value-of select="@title"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@title"/>
        <xsl:if test="@policy"> (<xsl:value-of select="@policy"/>)</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ================= blocks ================= -->

  <xsl:template match="p" mode="block">
    <p align="justify"><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></p>
  </xsl:template>

  <xsl:template match="list" mode="block">
    <list>
      <xsl:copy-of select="@src | @type"/>
      <xsl:apply-templates select="item" mode="block"/>
    </list>
  </xsl:template>

  <xsl:template match="item" mode="block">
    <li>
      <xsl:copy-of select="@src"/>
      <xsl:choose>
        <xsl:when test="p | list"><xsl:apply-templates select="p | list" mode="block"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="inline"/></xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template match="table" mode="block">
    <table style="grid">
      <xsl:copy-of select="@src"/>
      <xsl:attribute name="widths">
        <xsl:for-each select="col">
          <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:value-of select="@width"/>
        </xsl:for-each>
      </xsl:attribute>
      <xsl:apply-templates select="caption | head" mode="block"/>
      <tbody><xsl:copy-of select="@src"/><xsl:apply-templates select="row" mode="block"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="caption" mode="block">
    <caption><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></caption>
  </xsl:template>

  <xsl:template match="head" mode="block">
    <thead><xsl:copy-of select="@src"/><xsl:apply-templates select="row" mode="block"/></thead>
  </xsl:template>

  <xsl:template match="row" mode="block">
    <tr><xsl:copy-of select="@src"/><xsl:apply-templates select="cell" mode="block"/></tr>
  </xsl:template>

  <xsl:template match="cell" mode="block">
    <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
  </xsl:template>

  <!-- ============ heat maps ============ -->
  <!-- Risks counted per likelihood and impact, before and after treatment
       (the risk assessment report and the treatment plan show them). -->

  <xsl:template match="matrix" mode="heat-maps">
    <h level="1">Heat maps</h>
    <p align="justify">Each cell counts the risks rated at that likelihood and impact, coloured by the band of its score: first before treatment, then after the treatment planned for each risk.</p>
    <xsl:call-template name="heat-map">
      <xsl:with-param name="which">inherent</xsl:with-param>
      <xsl:with-param name="heading">Before treatment (inherent risk)</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="heat-map">
      <xsl:with-param name="which">residual</xsl:with-param>
      <xsl:with-param name="heading">After treatment (residual risk)</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="heat-map">
    <xsl:param name="which"/>
    <xsl:param name="heading"/>
    <xsl:variable name="cells" select="cell"/>
    <keep>
      <h level="2"><xsl:value-of select="$heading"/></h>
      <figure type="matrix" row-title="Likelihood" col-title="Impact">
        <xsl:for-each select="/isms/risk-methodology/impact/level">
          <xsl:sort select="@value" data-type="number"/>
          <col label="{concat(@value, ' ', @label)}"><xsl:copy-of select="@src"/></col>
        </xsl:for-each>
        <xsl:for-each select="/isms/risk-methodology/likelihood/level">
          <xsl:sort select="@value" data-type="number" order="descending"/>
          <row label="{concat(@value, ' ', @label)}">
            <xsl:copy-of select="@src"/>
            <xsl:for-each select="$cells[@likelihood = current()/@value]">
              <cell fill="{@colour}">
                <xsl:attribute name="label">
                  <xsl:if test="@*[name() = $which] != 0"><xsl:value-of select="@*[name() = $which]"/></xsl:if>
                </xsl:attribute>
              </cell>
            </xsl:for-each>
          </row>
        </xsl:for-each>
      </figure>
    </keep>
  </xsl:template>

</xsl:stylesheet>
