<?xml version="1.0" encoding="UTF-8"?>
<!--
  Risk Treatment Plan: the risk assessment methodology (ISO/IEC 27001:2022
  6.1.2), the treatment of every risk (6.1.3 e) and its status (8.3).

  Title block and document control, the methodology (scales, bands, matrix,
  acceptance criteria), a summary of all risks, then one section per risk:
  its fields and its treatment actions. Risks carry the anchors "risk-ID"
  that inline references link to. Band colours fill only narrow swatch
  cells, so no text is set on a coloured background.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="link-risks" select="true()"/>
  <xsl:variable name="title">Risk Treatment Plan</xsl:variable>

  <xsl:template match="/isms">
    <document>
      <xsl:call-template name="document-attributes">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="subject">ISO/IEC 27001:2022 clauses 6.1.2, 6.1.3 e) and 8.3: risk assessment and risk treatment plan</xsl:with-param>
        <xsl:with-param name="keywords">ISMS, ISO/IEC 27001:2022, risk assessment, risk treatment plan, risk register, residual risk</xsl:with-param>
        <xsl:with-param name="version" select="$build-version"/>
      </xsl:call-template>
      <xsl:call-template name="generated-front">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>

      <h level="1">Introduction</h>
      <p align="justify">This plan records how <xsl:value-of select="$org"/> assesses information security risks (ISO/IEC 27001:2022 clause 6.1.2) and how it treats each of them (clauses 6.1.3 e) and 8.3): the treatment chosen, the controls that implement it, the actions still to be taken, the residual risk, the approval of the plan and the acceptance of the residual risk by the risk owner.</p>

      <xsl:apply-templates select="risk-methodology"/>
      <xsl:apply-templates select="risks" mode="summary"/>
      <xsl:apply-templates select="risk-methodology/matrix" mode="heat-maps"/>
      <h level="1">Risk treatment</h>
      <xsl:apply-templates select="risks/risk"/>
    </document>
  </xsl:template>


  <!-- ============ methodology ============ -->

  <xsl:template match="risk-methodology">
    <h level="1"><xsl:copy-of select="@src"/>Risk assessment methodology</h>
    <xsl:apply-templates select="description/*" mode="block"/>
    <xsl:apply-templates select="likelihood | impact"/>

    <keep>
      <xsl:copy-of select="bands/@src"/>
      <h level="2"><xsl:copy-of select="bands/@src"/>Risk bands</h>
      <p>The risk score is the likelihood multiplied by the impact; its band sets the response.</p>
      <table widths="4 16 14 66" style="grid">
        <xsl:copy-of select="bands/@src"/>
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td/><td>Band</td><td>Scores</td><td>Response</td></xsl:with-param>
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
      <h level="2"><xsl:copy-of select="acceptance/@src"/>Risk acceptance criteria</h>
      <p align="justify">
        <xsl:copy-of select="acceptance/@src"/>
        <xsl:text>A residual risk with a score of </xsl:text>
        <xsl:value-of select="acceptance/@max-score"/>
        <xsl:text> or less meets the acceptance criteria. </xsl:text>
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
          <xsl:when test="self::likelihood">Likelihood scale</xsl:when>
          <xsl:otherwise>Impact scale</xsl:otherwise>
        </xsl:choose>
      </h>
      <table widths="10 20 70" style="grid">
        <xsl:copy-of select="@src"/>
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td align="right">Level</td><td>Label</td><td>Description</td></xsl:with-param>
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
      <h level="2">Risk matrix</h>
      <table style="grid">
        <xsl:attribute name="widths">
          <xsl:text>20</xsl:text>
          <xsl:for-each select="../impact/level"><xsl:text> 3 13</xsl:text></xsl:for-each>
        </xsl:attribute>
        <xsl:call-template name="thead">
          <xsl:with-param name="cells">
            <td>Likelihood \ impact</td>
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


  <!-- ============ summary of all risks ============ -->

  <xsl:template match="risks" mode="summary">
    <h level="1">Summary of risks</h>
    <table widths="8 26 3 11 12 3 11 26" style="grid">
      <thead>
        <tr>
          <td>Risk</td>
          <td>Title</td>
          <td span="2">Inherent</td>
          <td>Treatment</td>
          <td span="2">Residual</td>
          <td>Owner</td>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="risk">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><a to="risk-{@id}"><xsl:copy-of select="@src"/><xsl:value-of select="@id"/></a></td>
            <td><xsl:copy-of select="title/@src"/><xsl:value-of select="title"/></td>
            <td fill="{@band-colour}"><xsl:copy-of select="@src"/></td>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="concat(@score, ' ', @band-label)"/></td>
            <td><xsl:copy-of select="treatment/@src"/><xsl:apply-templates select="treatment/@option" mode="label"/></td>
            <td fill="{@residual-band-colour}"><xsl:copy-of select="@src"/></td>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="concat(@residual-score, ' ', @residual-band-label)"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>


  <!-- ============ one section per risk ============ -->

  <xsl:template match="risk">
    <keep>
      <xsl:copy-of select="@src"/>
      <h level="2">
        <xsl:copy-of select="title/@src"/>
        <anchor id="risk-{@id}"><xsl:copy-of select="@src"/></anchor>
        <xsl:value-of select="concat(@id, ' ', title)"/>
      </h>
      <xsl:call-template name="fields">
        <xsl:with-param name="from" select="."/>
        <xsl:with-param name="rows">
          <xsl:call-template name="field">
            <xsl:with-param name="label">Assets</xsl:with-param>
            <xsl:with-param name="value">
              <xsl:for-each select="asset">
                <xsl:if test="position() > 1">; </xsl:if>
                <xsl:value-of select="."/>
              </xsl:for-each>
            </xsl:with-param>
            <xsl:with-param name="from" select="asset[1]"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Threat</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="threat" mode="inline"/></xsl:with-param>
            <xsl:with-param name="from" select="threat"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Vulnerability</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="vulnerability" mode="inline"/></xsl:with-param>
            <xsl:with-param name="from" select="vulnerability"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Risk owner</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="@owner-title" mode="role"/></xsl:with-param>
            <xsl:with-param name="from" select="."/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Inherent risk</xsl:with-param>
            <xsl:with-param name="value">
              <xsl:call-template name="rating">
                <xsl:with-param name="rating" select="inherent"/>
                <xsl:with-param name="score" select="@score"/>
                <xsl:with-param name="band" select="@band-label"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="from" select="inherent"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Treatment option</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="treatment/@option" mode="label"/></xsl:with-param>
            <xsl:with-param name="from" select="treatment"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Rationale</xsl:with-param>
            <xsl:with-param name="value"><xsl:apply-templates select="treatment/rationale" mode="inline"/></xsl:with-param>
            <xsl:with-param name="from" select="treatment/rationale"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Controls</xsl:with-param>
            <xsl:with-param name="value">
              <xsl:for-each select="treatment/control">
                <p><xsl:copy-of select="@src"/><xsl:apply-templates select="." mode="control-label"/></p>
              </xsl:for-each>
              <xsl:if test="not(treatment/control)">None</xsl:if>
            </xsl:with-param>
            <xsl:with-param name="from" select="treatment"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Residual risk</xsl:with-param>
            <xsl:with-param name="value">
              <xsl:call-template name="rating">
                <xsl:with-param name="rating" select="residual"/>
                <xsl:with-param name="score" select="@residual-score"/>
                <xsl:with-param name="band" select="@residual-band-label"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="from" select="residual"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Plan approved</xsl:with-param>
            <xsl:with-param name="value">
              <xsl:apply-templates select="approval" mode="sign-off"/>
              <xsl:if test="not(approval)">Not approved</xsl:if>
            </xsl:with-param>
            <xsl:with-param name="from" select="approval | self::node()[not(approval)]"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label">Residual risk accepted</xsl:with-param>
            <xsl:with-param name="value">
              <xsl:apply-templates select="acceptance" mode="sign-off"/>
              <xsl:choose>
                <xsl:when test="acceptance and @acceptable = 'no'"> (above the acceptance criteria)</xsl:when>
                <xsl:when test="acceptance"/>
                <xsl:when test="@acceptable = 'no'">Acceptance required: the residual risk is above the acceptance criteria</xsl:when>
                <xsl:otherwise>Not accepted</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="from" select="acceptance | self::node()[not(acceptance)]"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </keep>
    <xsl:apply-templates select="treatment[action]"/>
  </xsl:template>

  <!-- "likelihood 4 × impact 4 = 16 (High)" -->
  <xsl:template name="rating">
    <xsl:param name="rating"/>
    <xsl:param name="score"/>
    <xsl:param name="band"/>
    <xsl:value-of select="concat('Likelihood ', $rating/@likelihood, ' (', $rating/@likelihood-label,
                                 ') × impact ', $rating/@impact, ' (', $rating/@impact-label,
                                 ') = ', $score, ' (', $band, ')')"/>
  </xsl:template>

  <!-- "Chief Technology Officer (Sofia Lind), 2026-04-02. Note" -->
  <xsl:template match="approval | acceptance" mode="sign-off">
    <xsl:apply-templates select="@by-title" mode="role"/>
    <xsl:value-of select="concat(', ', @date)"/>
    <xsl:if test="* or normalize-space()">. <xsl:apply-templates mode="inline"/></xsl:if>
  </xsl:template>

  <!-- the treatment actions of one risk -->
  <xsl:template match="treatment">
    <table widths="50 25 12 13" style="grid">
      <xsl:copy-of select="@src"/>
      <caption><xsl:copy-of select="@src"/>Treatment actions for <xsl:value-of select="../@id"/></caption>
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td>Action</td><td>Owner</td><td>Due</td><td>Status</td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:copy-of select="@src"/>
        <xsl:for-each select="action">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@due"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@status" mode="label"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
