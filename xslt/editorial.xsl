<?xml version="1.0" encoding="UTF-8"?>
<!--
  The editorial layer. Brackets and explanations are marked class="mark" so that
  the reading view (no editorial marks) can hide them with CSS alone.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:supplied">
    <!-- Focusable for its explanation, except inside a speaker label, which is a link already. -->
    <span class="tei-supplied"
          title="{if (ancestor::tei:speaker) then 'Speaker supplied by the editor or translator'
                  else concat('Supplied by the editor or translator', if (@reason) then concat(' (', @reason, ')') else '')}">
      <xsl:if test="not(ancestor::tei:speaker)"><xsl:attribute name="tabindex" select="0"/></xsl:if>
      <xsl:call-template name="id"/>
      <span class="mark">[</span><xsl:apply-templates/><span class="mark">]</span>
    </span>
  </xsl:template>

  <!-- Original-language words in brackets are the translator's: shown in the diplomatic view only. -->
  <xsl:template match="tei:foreign">
    <span class="tei-foreign-gloss">
      <span class="mark">[</span><i class="tei-foreign" lang="{@xml:lang}"><xsl:call-template name="id"/><xsl:apply-templates/></i><span class="mark">]</span>
    </span>
  </xsl:template>

  <xsl:variable name="number-words" as="xs:string*"
      select="('one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve')"/>
  <xsl:variable name="reason-words" as="map(xs:string, xs:string)" select="map {
      'omitted-in-original': 'omitted in the original', 'illegible': 'illegible', 'missing': 'missing',
      'unavailable': 'not available', 'redacted': 'redacted', 'omitted': 'omitted' }"/>

  <xsl:template match="tei:gap">
    <xsl:variable name="n" select="xs:integer((@quantity[. castable as xs:integer], 0)[1])"/>
    <xsl:variable name="wording" as="xs:string">
      <xsl:choose>
        <xsl:when test="$n gt 0 and @unit and map:contains($reason-words, string(@reason))"
                  xmlns:map="http://www.w3.org/2005/xpath-functions/map">
          <xsl:sequence select="string-join((if ($n le 12) then $number-words[$n] else string($n),
                                             concat(@unit, if ($n gt 1) then 's' else ''),
                                             $reason-words(string(@reason))), ' ')"/>
        </xsl:when>
        <xsl:when test="tei:desc"><xsl:sequence select="replace(normalize-space(tei:desc), '\.$', '')"/></xsl:when>
        <xsl:otherwise><xsl:sequence select="'text omitted'"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="tei-gap" data-reason="{@reason}" title="{normalize-space(tei:desc)}">
      <xsl:call-template name="id"/>
      <span class="diplomatic">[<xsl:value-of select="$wording"/>]</span><span class="reading" aria-hidden="true">[…]</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:incident">
    <span class="tei-incident"><xsl:call-template name="id"/>(<xsl:apply-templates select="tei:desc/node()"/>)</span>
  </xsl:template>

  <xsl:template match="tei:note">
    <span class="tei-note mark"><xsl:call-template name="id"/>[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="tei-label"><xsl:apply-templates/></span>
  </xsl:template>
</xsl:stylesheet>
