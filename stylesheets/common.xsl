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
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:func="http://exslt.org/functions" xmlns:i="urn:ismsc:messages"
    extension-element-prefixes="func" exclude-result-prefixes="i">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- ================= messages ================= -->
  <!-- Every text a stylesheet writes comes from the message catalogue of
       the organization's language: messages/LANG.xml (LANG is the
       organization's language attribute, checked by ismsc against the
       catalogues there is; English without it). i:t(id, a1, a2, a3, a4)
       is the message's text with <arg n="N"/> replaced by aN; a message
       may hold layout inline elements (b, code), which i:t keeps: use
       xsl:copy-of to keep them, xsl:value-of for the words only. -->
  <xsl:variable name="language">
    <xsl:value-of select="/isms/organization/@language"/>
    <xsl:if test="not(/isms/organization/@language)">en</xsl:if>
  </xsl:variable>
  <xsl:variable name="messages" select="document(concat('messages/', $language, '.xml'))/messages"/>
  <!-- messages by id: key() looks in the context node's document, so
       lookups run inside <xsl:for-each select="$messages"> -->
  <xsl:key name="message" match="messages/m" use="@id"/>

  <func:function name="i:t">
    <xsl:param name="id"/>
    <xsl:param name="a1"/>
    <xsl:param name="a2"/>
    <xsl:param name="a3"/>
    <xsl:param name="a4"/>
    <func:result>
      <xsl:for-each select="$messages">
        <xsl:variable name="m" select="key('message', $id)"/>
        <xsl:if test="not($m)">
          <xsl:message terminate="yes">no message "<xsl:value-of select="$id"/>" in messages/<xsl:value-of select="$language"/>.xml</xsl:message>
        </xsl:if>
        <xsl:apply-templates select="$m/node()" mode="message">
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="a2" select="$a2"/>
          <xsl:with-param name="a3" select="$a3"/>
          <xsl:with-param name="a4" select="$a4"/>
        </xsl:apply-templates>
      </xsl:for-each>
    </func:result>
  </func:function>

  <xsl:template match="arg" mode="message">
    <xsl:param name="a1"/>
    <xsl:param name="a2"/>
    <xsl:param name="a3"/>
    <xsl:param name="a4"/>
    <xsl:choose>
      <xsl:when test="@n = 2"><xsl:copy-of select="$a2"/></xsl:when>
      <xsl:when test="@n = 3"><xsl:copy-of select="$a3"/></xsl:when>
      <xsl:when test="@n = 4"><xsl:copy-of select="$a4"/></xsl:when>
      <xsl:otherwise><xsl:copy-of select="$a1"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- layout inline elements in a message -->
  <xsl:template match="*" mode="message">
    <xsl:param name="a1"/>
    <xsl:param name="a2"/>
    <xsl:param name="a3"/>
    <xsl:param name="a4"/>
    <xsl:element name="{local-name()}">
      <xsl:apply-templates mode="message">
        <xsl:with-param name="a1" select="$a1"/>
        <xsl:with-param name="a2" select="$a2"/>
        <xsl:with-param name="a3" select="$a3"/>
        <xsl:with-param name="a4" select="$a4"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A coded value (an attribute or an element's text) in words: the
       message PREFIX.VALUE, or the value itself when the catalogue has no
       such message. -->
  <xsl:template match="@* | *" mode="code">
    <xsl:param name="prefix"/>
    <xsl:variable name="id" select="concat($prefix, '.', .)"/>
    <xsl:variable name="value" select="string(.)"/>
    <xsl:for-each select="$messages">
      <xsl:choose>
        <xsl:when test="key('message', $id)"><xsl:value-of select="i:t($id)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A date (YYYY-MM-DD) in the language's format: message "date" with
       the day, the month's name, the year and the date as it is (or
       "date.short" with day, month and year in two, two and four digits);
       a value that is not such a date is written as it is. -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <!-- in a table cell: message "date.short" -->
    <xsl:param name="short" select="false()"/>
    <xsl:variable name="d" select="string($iso)"/>
    <xsl:choose>
      <xsl:when test="$short and string-length($d) = 10 and substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-' and number(translate($d, '-', '')) = number(translate($d, '-', ''))">
        <!-- the day, the month and the year as digits, and the date as it is -->
        <xsl:value-of select="i:t('date.short', substring($d, 9, 2), substring($d, 6, 2), substring($d, 1, 4), $d)"/>
      </xsl:when>
      <xsl:when test="string-length($d) = 10 and substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-' and number(translate($d, '-', '')) = number(translate($d, '-', ''))">
        <xsl:value-of select="i:t('date', number(substring($d, 9, 2)), i:t(concat('month.', number(substring($d, 6, 2)))), substring($d, 1, 4), $d)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number in the language's format (decimal separator, digit
       grouping from the messages "number.decimal" and "number.group"). -->
  <xsl:template name="number">
    <xsl:param name="n"/>
    <xsl:value-of select="translate(format-number($n, '#,##0.##'), ',.', concat(i:t('number.group'), i:t('number.decimal')))"/>
  </xsl:template>

  <xsl:variable name="org" select="string(/isms/@org)"/>
  <xsl:variable name="build-date" select="string(/isms/@date)"/>
  <!-- generated documents (SoA, RTP) are versioned by their build date -->
  <xsl:variable name="build-version" select="translate($build-date, '-', '.')"/>
  <xsl:variable name="default-classification" select="/isms/organization/defaults/@classification"/>
  <xsl:variable name="branding" select="/isms/organization/branding"/>
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
    <xsl:attribute name="lang"><xsl:value-of select="$messages/@lang"/></xsl:attribute>
    <xsl:attribute name="header-left"><xsl:value-of select="$org"/></xsl:attribute>
    <!-- branding: the logo (ismsc checked it and put it in the model as a
         data: URI) and the accent colour -->
    <xsl:for-each select="$branding/@logo-data"><xsl:attribute name="logo"><xsl:value-of select="."/></xsl:attribute></xsl:for-each>
    <xsl:copy-of select="$branding/@accent"/>
    <xsl:attribute name="page-label"><xsl:value-of select="i:t('page-label')"/></xsl:attribute>
    <xsl:attribute name="continued"><xsl:value-of select="i:t('continued')"/></xsl:attribute>
    <xsl:attribute name="header-right"><xsl:value-of select="$title"/></xsl:attribute>
    <xsl:attribute name="footer-left">
      <xsl:variable name="c"><xsl:apply-templates select="$classification" mode="label"/></xsl:variable>
      <xsl:value-of select="i:t('footer', $c, $version)"/>
    </xsl:attribute>
    <!-- sources not committed, or a policy changed since its approval
         (the view's revision data, src/state.h): a draft on every page -->
    <xsl:if test="/isms/@uncommitted = 'yes' or /isms/@changed-since-approval = 'yes'">
      <xsl:attribute name="marker"><xsl:value-of select="i:t('draft')"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- the document title and the organization name under it -->
  <xsl:template name="title-block">
    <xsl:param name="title"/>
    <xsl:param name="from" select="/.."/>
    <xsl:if test="$branding/@logo-data">
      <figure type="logo" height="40"><xsl:copy-of select="$branding/@src"/></figure>
      <space pt="10"/>
    </xsl:if>
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
          <xsl:with-param name="label" select="i:t('field.version')"/>
          <xsl:with-param name="value" select="$build-version"/>
        </xsl:call-template>
        <xsl:if test="$ciso">
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="i:t('field.owner')"/>
            <xsl:with-param name="value"><xsl:apply-templates select="$ciso" mode="role"/></xsl:with-param>
            <xsl:with-param name="from" select="$ciso"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="i:t('field.build-date')"/>
          <xsl:with-param name="value"><xsl:call-template name="date"><xsl:with-param name="iso" select="$build-date"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="revision-field"/>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="i:t('field.classification')"/>
          <xsl:with-param name="value"><xsl:apply-templates select="$default-classification" mode="label"/></xsl:with-param>
          <xsl:with-param name="from" select="$default-classification/.."/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="i:t('field.generated-by')"/>
          <xsl:with-param name="value" select="string(/isms/@generator)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
      <toc title="{i:t('contents')}"/>
  </xsl:template>

  <!-- The document control row "Revision": the last commit that changed
       the document's sources ("a1b2c3d4e5 of 2026-04-08"), and whether
       they changed since. Nothing outside git. -->
  <xsl:template name="revision-field">
    <xsl:param name="from" select="/.."/>
    <xsl:variable name="r" select="/isms"/>
    <xsl:if test="$r/@revision or $r/@uncommitted = 'yes'">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="i:t('field.revision')"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$r/@revision"><xsl:call-template name="revision-of"><xsl:with-param name="of" select="$r"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('revision.uncommitted')"/></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$r/@revision and $r/@uncommitted = 'yes'"><xsl:value-of select="i:t('revision.with-changes')"/></xsl:if>
          <xsl:if test="$r/@changed-since-approval = 'yes'"><xsl:value-of select="i:t('revision.changed-since-approval')"/></xsl:if>
        </xsl:with-param>
        <xsl:with-param name="from" select="$from"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- "a1b2c3d4e5 of 2026-04-08": the context node's revision and its date -->
  <xsl:template name="revision-of">
    <xsl:param name="of" select="."/>
    <xsl:variable name="d"><xsl:call-template name="date"><xsl:with-param name="iso" select="$of/@revision-date"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="i:t('revision.of', string($of/@revision), string($d))"/>
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
  <!-- The words for the model's codes: messages "status.VALUE" and so on. -->

  <xsl:template match="@status" mode="label">
    <xsl:apply-templates select="." mode="code"><xsl:with-param name="prefix">status</xsl:with-param></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="@option" mode="label">
    <xsl:apply-templates select="." mode="code"><xsl:with-param name="prefix">option</xsl:with-param></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="reason/@type" mode="label">
    <xsl:apply-templates select="." mode="code"><xsl:with-param name="prefix">reason</xsl:with-param></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="@classification" mode="label">
    <xsl:apply-templates select="." mode="code"><xsl:with-param name="prefix">classification</xsl:with-param></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="@applicable" mode="label">
    <xsl:choose>
      <xsl:when test=". = 'yes'"><xsl:value-of select="i:t('yes-no.yes')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('yes-no.no')"/></xsl:otherwise>
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
    <h level="1"><xsl:value-of select="i:t('heat.title')"/></h>
    <p align="justify"><xsl:copy-of select="i:t('heat.intro')"/></p>
    <xsl:call-template name="heat-map">
      <xsl:with-param name="which">inherent</xsl:with-param>
      <xsl:with-param name="heading" select="i:t('heat.inherent')"/>
    </xsl:call-template>
    <xsl:call-template name="heat-map">
      <xsl:with-param name="which">residual</xsl:with-param>
      <xsl:with-param name="heading" select="i:t('heat.residual')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="heat-map">
    <xsl:param name="which"/>
    <xsl:param name="heading"/>
    <xsl:variable name="cells" select="cell"/>
    <keep>
      <h level="2"><xsl:value-of select="$heading"/></h>
      <figure type="matrix" row-title="{i:t('likelihood')}" col-title="{i:t('impact')}">
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
