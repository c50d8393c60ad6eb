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


  <!-- ============ the register: one row per risk ============ -->

  <!-- Risk | Threat | Vulnerability | L | I | Score | Treatment | Controls |
       Owner | Due | Residual, on landscape pages. The assets go under the
       title unless they only repeat it. Due is the last due date of the
       risk's treatment actions. -->
  <xsl:template match="risks" mode="register">
    <h level="1">Risk treatment register</h>
    <p>One row per risk: the inherent rating (L likelihood, I impact, score and band), the treatment option and the controls that implement it (by their Annex A numbers), the risk owner, the date the last treatment action is due and the residual risk once the treatment is complete.</p>
    <table widths="46 40 46 6 6 18 17 20 30 19 18" style="dense">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells">
          <td>Risk</td><td>Threat</td><td>Vulnerability</td>
          <td align="right">L</td><td align="right">I</td><td>Score</td>
          <td>Treatment</td><td>Controls</td><td>Owner</td><td>Due</td><td>Residual</td>
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
                <p style="note">
                  <xsl:copy-of select="asset[1]/@src"/>
                  <xsl:for-each select="asset">
                    <xsl:if test="position() > 1">; </xsl:if>
                    <xsl:value-of select="."/>
                  </xsl:for-each>
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
                <xsl:if test="position() = 1"><xsl:value-of select="@due"/></xsl:if>
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
    <h level="1">Treatment actions</h>
    <table widths="17 128 60 20 22" style="dense">
      <xsl:call-template name="thead">
        <xsl:with-param name="cells"><td>Risk</td><td>Action</td><td>Owner</td><td>Due</td><td>Status</td></xsl:with-param>
      </xsl:call-template>
      <tbody>
        <xsl:for-each select="risk/treatment/action">
          <tr>
            <xsl:copy-of select="@src"/>
            <td><xsl:copy-of select="@src"/><a to="risk-{../../@id}"><xsl:copy-of select="@src"/><xsl:value-of select="../../@id"/></a></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates mode="inline"/></td>
            <td><xsl:copy-of select="@src"/><xsl:apply-templates select="@owner-title" mode="role"/></td>
            <td><xsl:copy-of select="@src"/><xsl:value-of select="@due"/></td>
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
    <h level="1">Treatment decisions and acceptance</h>
    <p>
      <xsl:text>The rationale for each treatment, the risk owner's approval of the plan and the acceptance of the residual risk. </xsl:text>
      <xsl:choose>
        <xsl:when test="count($decided) = count(risk)">Every risk is listed.</xsl:when>
        <xsl:otherwise><xsl:value-of select="count(risk) - count($decided)"/> risks with no rationale, approval or acceptance recorded, and none required, are not listed.</xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$decided">
      <table widths="17 20 114 58 58" style="dense">
        <xsl:call-template name="thead">
          <xsl:with-param name="cells"><td>Risk</td><td>Treatment</td><td>Rationale</td><td>Plan approved</td><td>Residual risk accepted</td></xsl:with-param>
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
                <xsl:if test="not(approval)">Not approved</xsl:if>
              </td>
              <td>
                <xsl:copy-of select="(acceptance | self::node()[not(acceptance)])/@src"/>
                <xsl:apply-templates select="acceptance" mode="sign-off"/>
                <xsl:choose>
                  <xsl:when test="acceptance and @acceptable = 'no'"> (above the acceptance criteria)</xsl:when>
                  <xsl:when test="acceptance"/>
                  <xsl:when test="@acceptable = 'no'">Acceptance required: the residual risk is above the acceptance criteria</xsl:when>
                  <xsl:otherwise>Not accepted</xsl:otherwise>
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
    <xsl:value-of select="concat(', ', @date)"/>
    <xsl:if test="* or normalize-space()">. <xsl:apply-templates mode="inline"/></xsl:if>
  </xsl:template>

</xsl:stylesheet>
