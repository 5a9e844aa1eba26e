<?xml version="1.0" encoding="UTF-8"?>
<!--
  sourceDoc: a manuscript transcribed page by page (TEI "transcr" module, 11.2). Each surface
  is a page with its @n; its zones follow in document order (the reading order the encoder
  gave), each line numbered by its @n or its place in the surface. The page is diplomatic by
  nature: the alterations inside follow the same rules as in a text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:sourceDoc">
    <section class="tei-sourceDoc">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:surfaceGrp">
    <div class="tei-surfaceGrp"><xsl:call-template name="id"/><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:surface">
    <section class="tei-surface">
      <xsl:call-template name="id"/>
      <h2 class="surface-label gen"><xsl:value-of select="(@n ! ('Page ' || .), tei:label[1] ! normalize-space(.), 'Page ' || (count(preceding::tei:surface) + 1))[1]"/></h2>
      <xsl:apply-templates select="node() except tei:label[1]"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:zone">
    <div class="tei-zone{@type ! (' zone-' || replace(., '\s+', '-'))}{@rotate[. != '0'] ! ' rotated'}">
      <xsl:call-template name="id"/>
      <xsl:if test="@rotate[. != '0']"><xsl:attribute name="title" select="'Written at ' || @rotate || '°'"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:sourceDoc//tei:line">
    <span class="tei-line">
      <xsl:call-template name="id"/>
      <span class="line-n gen" aria-hidden="true">
        <xsl:value-of select="(@n, count(preceding::tei:line[ancestor::tei:surface[1] is current()/ancestor::tei:surface[1]]) + 1)[1]"/>
        <xsl:text> </xsl:text>
      </span>
      <xsl:apply-templates/>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Surface metadata and the images: not text. -->
  <xsl:template match="tei:surface/tei:graphic | tei:surface/tei:desc"/>
</xsl:stylesheet>
