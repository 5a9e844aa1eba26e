<?xml version="1.0" encoding="UTF-8"?>
<!--
  The editor's own marks (supplied, gap) and the events of spoken text (incident, kinesic,
  vocal, pause, writing, shift). Editorial marks show in the diplomatic view and collapse to
  a discreet marker in the reading view; each explains itself on hover and focus.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <!-- Supplied words: in brackets in the diplomatic view, plain (discreetly marked) in the reading view. -->
  <xsl:template match="tei:supplied">
    <span class="tei-supplied{@reason ! (' reason-' || replace(normalize-space(.), '\s+', '-'))}">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="if (ancestor::tei:speaker) then 'Speaker supplied by the editor or translator'
                                            else 'Supplied by the editor or translator'"/>
      </xsl:call-template>
      <span class="mark gen v-diplomatic-only" aria-hidden="true">[</span>
      <xsl:apply-templates/>
      <span class="mark gen v-diplomatic-only" aria-hidden="true">]</span>
    </span>
  </xsl:template>

  <xsl:variable name="ed:reason-words" as="map(xs:string, xs:string)" select="map {
      'omitted-in-original': 'omitted in the original', 'illegible': 'illegible', 'missing': 'missing',
      'lost': 'lost', 'damage': 'lost to damage', 'damaged': 'lost to damage', 'unavailable': 'not available',
      'redacted': 'redacted', 'omitted': 'omitted', 'cancelled': 'cancelled', 'deleted': 'deleted',
      'sampling': 'not transcribed', 'irrelevant': 'not transcribed', 'editorial': 'omitted by the editor',
      'inaudible': 'inaudible', 'anonymization': 'anonymised', 'anonymisation': 'anonymised' }"/>

  <!-- "[two pages omitted in the original]", "[one character illegible]", "[3 lines missing]";
       the source's own words (desc) where it has them and no count; else the reason. -->
  <xsl:function name="ed:gap-wording" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="reason" select="lower-case(normalize-space($gap/@reason))"/>
    <xsl:variable name="reason-words" select="if ($reason = '') then ()
        else ($ed:reason-words($reason), replace($reason, '[-_]', ' '))[1]"/>
    <xsl:variable name="n" select="($gap/@quantity[. castable as xs:decimal] ! xs:decimal(.),
        $gap/@extent[. castable as xs:decimal] ! xs:decimal(.))[1]"/>
    <xsl:variable name="amount" select="
        if (exists($n) and $gap/@unit) then ed:count($n, $gap/@unit)
        else if ($gap/@atLeast and $gap/@atMost and $gap/@unit)
          then $gap/@atLeast || '–' || ed:count(xs:decimal(($gap/@atMost[. castable as xs:decimal], 2)[1]), $gap/@unit)
        else if ($gap/@extent and not(exists($n))) then normalize-space($gap/@extent)
        else ()"/>
    <!-- A bare number with no unit says how much, not of what. -->
    <xsl:variable name="extent" select="if (empty($amount) and exists($n)) then ' (extent ' || $n || ')' else ''"/>
    <xsl:sequence select="
        if (exists($amount)) then string-join(($amount, ($reason-words, 'missing')[1]), ' ')
        else if (normalize-space($gap/tei:desc)) then replace(normalize-space($gap/tei:desc), '\.$', '')
        else if (exists($reason-words)) then upper-case(substring($reason-words, 1, 1)) || substring($reason-words, 2) || $extent
        else 'text missing' || $extent"/>
  </xsl:function>

  <xsl:template match="tei:gap">
    <span class="tei-gap{@reason ! (' reason-' || replace(normalize-space(.), '\s+', '-'))}">
      <xsl:call-template name="id"/>
      <xsl:if test="@reason"><xsl:attribute name="data-reason" select="@reason"/></xsl:if>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="string-join(('Gap', replace(normalize-space(tei:desc), '\.$', '')[. != '']), ': ')"/>
      </xsl:call-template>
      <span class="diplomatic gen v-diplomatic-only">[<xsl:value-of select="ed:gap-wording(.)"/>]</span>
      <span class="reading gen v-reading-only">[…]</span>
    </span>
  </xsl:template>

  <!-- ============ Spoken text ============ -->

  <!-- An event described in words (laughter, applause): in parentheses and italics, in both views. -->
  <xsl:template match="tei:incident | tei:kinesic | tei:vocal | tei:writing[not(node()[not(self::tei:desc)])]">
    <xsl:element name="{if (ed:is-in-flow(.)) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'tei-event tei-' || local-name()"/>
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:event-words"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="ed:event-words">
    <span class="gen">(</span>
    <xsl:choose>
      <xsl:when test="tei:desc"><xsl:apply-templates select="tei:desc/node()"/></xsl:when>
      <xsl:when test="normalize-space()"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><span class="gen"><xsl:value-of select="(@type, local-name())[1]"/></span></xsl:otherwise>
    </xsl:choose>
    <span class="gen">)</span>
  </xsl:template>

  <!-- Inside a sentence (a p, seg, l, ab…) an event stays in the line; between speeches it is its own line. -->
  <xsl:function name="ed:is-in-flow" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not($e/parent::tei:div or $e/parent::tei:body or $e/parent::tei:u or $e/parent::tei:sp
        or $e/parent::tei:*[starts-with(local-name(), 'div')] or $e/parent::tei:back or $e/parent::tei:front)"/>
  </xsl:function>

  <xsl:template match="tei:pause">
    <span class="tei-pause gen">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="'Pause' || (@dur ! (' (' || . || ')'))"/>
      </xsl:call-template>
      <xsl:text>(…)</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:writing">
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-writing'"/>
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain"><xsl:with-param name="what" select="'Written text shown while speaking'"/></xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:shift">
    <span class="tei-shift gen">
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="'Delivery changes: ' || string-join((@feature, @new), ' ')"/>
      </xsl:call-template>
      <xsl:text>↝</xsl:text>
    </span>
  </xsl:template>

  <!-- The words of a desc belong to their event or gap, which shows them. -->
  <xsl:template match="tei:gap/tei:desc | tei:incident/tei:desc | tei:kinesic/tei:desc | tei:vocal/tei:desc"/>
</xsl:stylesheet>
