<?xml version="1.0" encoding="UTF-8"?>
<!-- The editorial layer: supplied words, original-language words, gaps, events, notes. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:supplied">
    <span class="tei-supplied" title="Supplied by the editor or translator ({@reason})">
      <xsl:call-template name="id"/>
      <span class="mark">[</span><xsl:apply-templates/><span class="mark">]</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i class="tei-foreign" lang="{@xml:lang}"><xsl:call-template name="id"/><xsl:apply-templates/></i>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="tei-gap" data-reason="{@reason}">
      <xsl:call-template name="id"/>
      <xsl:text>[</xsl:text>
      <xsl:value-of select="if (tei:desc) then normalize-space(tei:desc) else 'text omitted'"/>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:incident">
    <span class="tei-incident"><xsl:call-template name="id"/>(<xsl:apply-templates select="tei:desc/node()"/>)</span>
  </xsl:template>

  <xsl:template match="tei:note">
    <span class="tei-note"><xsl:call-template name="id"/>[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="tei-label"><xsl:apply-templates/></span>
  </xsl:template>
</xsl:stylesheet>
