<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI → HTML fragment for a document page. One imported file per concern;
  an edition customises by importing this file and overriding templates
  (import precedence); params.xsl lists the parameters and hooks meant for that.
  HTML ids are the TEI xml:ids and nothing else. How each element looks in the
  reading and the diplomatic view: docs/rendering.md (rules in edition/tei/views.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">
  <!-- Later imports take precedence: the catalogue of parameters and hooks, then the fallback. -->
  <xsl:import href="params.xsl"/>
  <xsl:import href="functions.xsl"/>
  <xsl:import href="fallback.xsl"/>
  <xsl:import href="phrase.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="dictionary.xsl"/>
  <xsl:import href="drama.xsl"/>
  <xsl:import href="speech.xsl"/>
  <xsl:import href="transcription.xsl"/>
  <xsl:import href="editorial.xsl"/>
  <xsl:import href="sourcedoc.xsl"/>
  <xsl:import href="notes.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="translation.xsl"/>

  <xsl:output method="html" html-version="5" omit-xml-declaration="yes" indent="no" encoding="UTF-8"/>

  <xsl:mode use-accumulators="#all"/>

  <!-- The text; a manuscript transcribed page by page (sourceDoc) when there is no text. -->
  <xsl:template match="/">
    <div class="tei-text">
      <!-- The text's language (and direction) for the whole text, as the TEI declares it. -->
      <xsl:for-each select="(tei:TEI/(tei:text, tei:sourceDoc)[1]/@xml:lang, tei:TEI/@xml:lang)[1]">
        <xsl:variable name="lang" select="ed:lang(.)"/>
        <xsl:if test="$lang != ''">
          <xsl:attribute name="lang" select="$lang"/>
          <xsl:if test="ed:is-rtl($lang)"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
        </xsl:if>
      </xsl:for-each>
      <xsl:call-template name="before-text"/>
      <xsl:call-template name="witness-switch"/>
      <xsl:call-template name="contents"/>
      <!-- With an apparatus, the text is one block, so that on a wide screen the apparatus can
           stand beside it (edition.css, "apparatus beside the text"). -->
      <xsl:variable name="apparatus" as="node()*"><xsl:call-template name="apparatus"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="exists($apparatus)">
          <div class="text-flow"><xsl:apply-templates select="(tei:TEI/tei:text, tei:TEI/tei:sourceDoc)[1]"/></div>
          <xsl:sequence select="$apparatus"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="(tei:TEI/tei:text, tei:TEI/tei:sourceDoc)[1]"/></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="footnotes"/>
      <xsl:call-template name="after-text"/>
    </div>
  </xsl:template>
</xsl:stylesheet>
