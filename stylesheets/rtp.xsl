<?xml version="1.0" encoding="UTF-8"?>
<!--
  Risk Treatment Plan: the risk assessment methodology (ISO/IEC 27001:2022
  6.1.2), the treatment of every risk (6.1.3 e) and its status (8.3).

  Title block and document control, the methodology (scales, bands, matrix,
  acceptance criteria), heat maps, then on landscape pages the register (one
  row per risk), every treatment action, and the treatment decisions with
  the risk owners' approval and acceptance. Register rows carry the anchors
  "risk-ID" that references link to. Band colours fill only narrow swatch
  cells, so no text is set on a coloured background.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:ismsc:messages" exclude-result-prefixes="i">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="link-risks" select="true()"/>
  <xsl:variable name="title" select="i:t('rtp.title')"/>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject" select="i:t('rtp.subject')"/>
        <xsl:with-param name="keywords" select="i:t('rtp.keywords')"/>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1"><xsl:value-of select="i:t('introduction')"/></h>
      <p align="justify"><xsl:copy-of select="i:t('rtp.intro', $org)"/></p>

      <xsl:apply-templates select="risk-methodology"/>
      <xsl:apply-templates select="risk-methodology/matrix" mode="heat-maps"/>
      <landscape>
        <xsl:apply-templates select="risks" mode="register"/>
        <xsl:apply-templates select="risks" mode="actions"/>
        <xsl:apply-templates select="risks" mode="decisions"/>
      </landscape>
    </document>
  </xsl:template>


  <!-- ============ methodology ============ -->

  <xsl:template match="risk-methodology">
    <h level="1"><xsl:copy-of select="@src"/><xsl:value-of select="i:t('rtp.method')"/></h>
    <xsl:apply-templates select="description/*" mode="block"/>
    <xsl:apply-templates select="likelihood | impact"/>

    <keep>
      <xsl:copy-of select="bands/@src"/>
      <h level="2"><xsl:copy-of select="bands/@src"/><xsl:value-of select="i:t('rtp.bands')"/></h>
      <p><xsl:value-of select="i:t('rtp.bands-intro')"/></p>
      <table widths="4 16 14 66" style="grid">
        <xsl:copy-of select="bands/@src"/>
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td/><td><xsl:value-of select="i:t('ra.band')"/></td><td><xsl:value-of select="i:t('ra.scores')"/></td><td><xsl:value-of select="i:t('ra.response')"/></td></xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:copy-of select="bands/@src"/>
          <xsl:for-each select="bands/band">
            <tr>
              <xsl:copy-of select="@src"/>
              <td fill="{@colour}"><xsl:copy-of select="@src"/></td>
              <td><xsl:copy-of select="@src"/><xsl:value-of select="@label"/></td>
              <td><xsl:copy-of select="@src"/><xsl:value-of select="concat(@min, '–', @max)"/></td>
              <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </keep>

    <xsl:apply-templates select="matrix"/>

    <keep>
      <xsl:copy-of select="acceptance/@src"/>
      <h level="2"><xsl:copy-of select="acceptance/@src"/><xsl:value-of select="i:t('rtp.acceptance')"/></h>
      <p align="justify">
        <xsl:copy-of select="acceptance/@src"/>
        <xsl:copy-of select="i:t('rtp.acceptance-text', string(acceptance/@max-score))"/>
        <xsl:apply-templates select="acceptance" mode="inline"/>
      </p>
    </keep>
  </xsl:template>

  <!-- a likelihood or impact scale -->
  <xsl:template match="likelihood | impact">
    <keep>
      <xsl:copy-of select="@src"/>
      <h level="2">
        <xsl:copy-of select="@src"/>
        <xsl:choose>
          <xsl:when test="self::likelihood"><xsl:value-of select="i:t('rtp.likelihood-scale')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('rtp.impact-scale')"/></xsl:otherwise>
        </xsl:choose>
      </h>
      <table widths="10 20 70" style="grid">
        <xsl:copy-of select="@src"/>
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td align="right"><xsl:value-of select="i:t('rtp.level')"/></td><td><xsl:value-of select="i:t('rtp.label')"/></td><td><xsl:value-of select="i:t('rtp.description')"/></td></xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:copy-of select="@src"/>
          <xsl:for-each select="level">
            <tr>
              <xsl:copy-of select="@src"/>
              <td align="right"><xsl:copy-of select="@src"/><xsl:value-of select="@value"/></td>
              <td><xsl:copy-of select="@src"/><xsl:value-of select="@label"/></td>
              <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </keep>
  </xsl:template>

  <!-- The score grid: one row per likelihood level (highest first), one
       column pair per impact level (a band swatch, then the score), from the
       model's matrix cells. Band colours may be dark: no text on them. -->
  <xsl:template match="matrix">
    <xsl:variable name="cells" select="cell"/>
    <keep>
      <h level="2"><xsl:value-of select="i:t('rtp.matrix')"/></h>
      <table style="grid">
        <xsl:attribute name="widths">
          <xsl:text>20</xsl:text>
          <xsl:for-each select="../impact/level"><xsl:text> 3 13</xsl:text></xsl:for-each>
        </xsl:attribute>
        <xsl:call-template name="thead">
          <xsl:with-param name="cells">
            <td><xsl:value-of select="i:t('rtp.matrix-corner')"/></td>
            <xsl:for-each select="../impact/level">
              <xsl:sort select="@value" data-type="number"/>
              <td span="2" align="center"><xsl:value-of select="concat(@value, ' ', @label)"/></td>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:for-each select="../likelihood/level">
            <xsl:sort select="@value" data-type="number" order="descending"/>
            <tr>
              <td><xsl:value-of select="concat(@value, ' ', @label)"/></td>
              <xsl:for-each select="$cells[@likelihood = current()/@value]">
                <td fill="{@colour}"/>
                <td align="center"><xsl:value-of select="concat(@score, ' ', @label)"/></td>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </keep>
  </xsl:template>


  <!-- ============ the register: one row per risk ============ -->

  <!-- Risk | Threat | Vulnerability | L | I | Score | Treatment | Controls |
       Owner | Due | Residual, on landscape pages. The assets go under the
       title, in italics, unless they only repeat it. Due is the last due date of the
       risk's treatment actions. -->
  <xsl:template match="risks" mode="register">
    <h level="1"><xsl:value-of select="i:t('rtp.register')"/></h>
    <p><xsl:value-of select="i:t('rtp.register-intro')"/></p>
    <table widths="46 40 46 6 6 18 17 20 30 19 18" style="dense">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells">
          <td><xsl:value-of select="i:t('risk')"/></td><td><xsl:value-of select="i:t('rtp.threat')"/></td><td><xsl:value-of select="i:t('rtp.vulnerability')"/></td>
          <td align="right"><xsl:value-of select="i:t('rtp.l')"/></td><td align="right"><xsl:value-of select="i:t('rtp.i')"/></td><td><xsl:value-of select="i:t('rtp.score')"/></td>
          <td><xsl:value-of select="i:t('rtp.col.treatment')"/></td><td><xsl:value-of select="i:t('rtp.controls')"/></td><td><xsl:value-of select="i:t('field.owner')"/></td><td><xsl:value-of select="i:t('rtp.due')"/></td><td><xsl:value-of select="i:t('residual')"/></td>
        </xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="risk">
          <tr>
            <xsl:copy-of select="@src"/>
            <td>
              <xsl:copy-of select="@src"/>
              <p><xsl:copy-of select="title/@src"/><anchor id="risk-{@id}"><xsl:copy-of select="@src"/></anchor><b><xsl:value-of select="@id"/></b><xsl:text> </xsl:text><xsl:value-of select="title"/></p>
              <xsl:if test="asset and not(count(asset) = 1 and string(asset) = string(title))">
                <p>
                  <xsl:copy-of select="asset[1]/@src"/>
                  <i>
                    <xsl:for-each select="asset">
                      <xsl:if test="position() > 1">; </xsl:if>
                      <xsl:value-of select="."/>
                    </xsl:for-each>
                  </i>
                </p>
              </xsl:if>
            </td>
            <td><xsl:copy-of select="threat/@src"/><xsl:apply-templates select="threat" mode="inline"/></td>
            <td><xsl:copy-of select="vulnerability/@src"/><xsl:apply-templates select="vulnerability" mode="inline"/></td>
            <td align="right"><xsl:copy-of select="inherent/@src"/><xsl:value-of select="inherent/@likelihood"/></td>
            <td align="right"><xsl:copy-of select="inherent/@src"/><xsl:value-of select="inherent/@impact"/></td>
            <td><xsl:copy-of select="inherent/@src"/><xsl:value-of select="concat(@score, ' ', @band-label)"/></td>
            <td><xsl:copy-of select="treatment/@src"/><xsl:apply-templates select="treatment/@option" mode="label"/></td>
            <td>
              <xsl:copy-of select="treatment/@src"/>
              <xsl:for-each select="treatment/control">
                <xsl:if test="position() > 1">, </xsl:if>
                <xsl:value-of select="@ref"/>
              </xsl:for-each>
              <xsl:if test="not(treatment/control)"><xsl:value-of select="$none"/></xsl:if>
            </td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
            <td>
              <xsl:copy-of select="treatment/@src"/>
              <xsl:for-each select="treatment/action">
                <xsl:sort select="@due" order="descending"/>
                <xsl:if test="position() = 1"><xsl:call-template name="date"><xsl:with-param name="iso" select="@due"/><xsl:with-param name="short" select="true()"/></xsl:call-template></xsl:if>
              </xsl:for-each>
              <xsl:if test="not(treatment/action)"><xsl:value-of select="$none"/></xsl:if>
            </td>
            <td><xsl:copy-of select="residual/@src"/><xsl:value-of select="concat(@residual-score, ' ', @residual-band-label)"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- every treatment action of every risk -->
  <xsl:template match="risks" mode="actions">
    <h level="1"><xsl:value-of select="i:t('rtp.actions')"/></h>
    <table widths="17 128 60 20 22" style="dense">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td><xsl:value-of select="i:t('risk')"/></td><td><xsl:value-of select="i:t('rtp.action')"/></td><td><xsl:value-of select="i:t('field.owner')"/></td><td><xsl:value-of select="i:t('rtp.due')"/></td><td><xsl:value-of select="i:t('field.status')"/></td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="risk/treatment/action">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><a to="risk-{../../@id}"><xsl:copy-of select="@src"/><xsl:value-of select="../../@id"/></a></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
            <td><xsl:copy-of select="@src"/><xsl:call-template name="date"><xsl:with-param name="iso" select="@due"/><xsl:with-param name="short" select="true()"/></xsl:call-template></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@status" mode="label"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- Treatment decisions (6.1.3 f): the rationale, the risk owner's
       approval of the plan and acceptance of the residual risk. A risk
       with none of them recorded and none required is not listed. -->
  <xsl:template match="risks" mode="decisions">
    <xsl:variable name="decided"
        select="risk[normalize-space(treatment/rationale) or treatment/rationale/* or approval or acceptance or @acceptable = 'no']"/>
    <h level="1"><xsl:value-of select="i:t('rtp.decisions')"/></h>
    <p>
      <xsl:value-of select="i:t('rtp.decisions-intro')"/>
      <xsl:choose>
        <xsl:when test="count($decided) = count(risk)"><xsl:value-of select="i:t('rtp.all-listed')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="i:t('rtp.not-listed', count(risk) - count($decided))"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$decided">
      <table widths="17 20 114 58 58" style="dense">
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td><xsl:value-of select="i:t('risk')"/></td><td><xsl:value-of select="i:t('rtp.col.treatment')"/></td><td><xsl:value-of select="i:t('rtp.rationale')"/></td><td><xsl:value-of select="i:t('rtp.approved')"/></td><td><xsl:value-of select="i:t('rtp.accepted')"/></td></xsl:with-param>
        </xsl:call-template>
        <tbody>
          <xsl:for-each select="$decided">
            <tr>
              <xsl:copy-of select="@src"/>
              <td><xsl:copy-of select="@src"/><a to="risk-{@id}"><xsl:copy-of select="@src"/><xsl:value-of select="@id"/></a></td>
              <td><xsl:copy-of select="treatment/@src"/><xsl:apply-templates select="treatment/@option" mode="label"/></td>
              <td>
                <xsl:copy-of select="treatment/rationale/@src"/>
                <xsl:apply-templates select="treatment/rationale" mode="inline"/>
                <xsl:if test="not(normalize-space(treatment/rationale) or treatment/rationale/*)"><xsl:value-of select="$none"/></xsl:if>
              </td>
              <td>
                <xsl:copy-of select="(approval | self::node()[not(approval)])/@src"/>
                <xsl:apply-templates select="approval" mode="sign-off"/>
                <xsl:if test="not(approval)"><xsl:value-of select="i:t('rtp.not-approved')"/></xsl:if>
              </td>
              <td>
                <xsl:copy-of select="(acceptance | self::node()[not(acceptance)])/@src"/>
                <xsl:apply-templates select="acceptance" mode="sign-off"/>
                <xsl:choose>
                  <xsl:when test="acceptance and @acceptable = 'no'"><xsl:value-of select="i:t('rtp.above')"/></xsl:when>
                  <xsl:when test="acceptance"/>
                  <xsl:when test="@acceptable = 'no'"><xsl:value-of select="i:t('rtp.acceptance-required')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('rtp.not-accepted')"/></xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- "Chief Technology Officer (Sofia Lind), 2026-04-02. Note" -->
  <xsl:template match="approval | acceptance" mode="sign-off">
    <xsl:apply-templates select="@by-title" mode="role"/>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/><xsl:with-param name="short" select="true()"/></xsl:call-template>
    <xsl:if test="* or normalize-space()">. <xsl:apply-templates mode="inline"/></xsl:if>
  </xsl:template>

</xsl:stylesheet>
