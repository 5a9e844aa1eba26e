<?xml version="1.0" encoding="UTF-8"?>
<!--
  Footnotes (TEI notes with a number, a place or a type other than "editorial"):
  a numbered marker in the text, the note at the end, links both ways.
  Notes of the edition's own encoding (type="editorial") stay inline in brackets.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:note[@n or @place or (@type and @type != 'editorial')][@xml:id]" priority="2">
    <a class="fn-ref" id="fnref-{@xml:id}" href="#{@xml:id}">
      <sup><xsl:value-of select="(@n, count(preceding::tei:note[@n or @place or (@type and @type != 'editorial')][@xml:id]) + 1)[1]"/></sup>
    </a>
  </xsl:template>

  <xsl:template name="footnotes">
    <xsl:variable name="notes" select="//tei:text//tei:note[@n or @place or (@type and @type != 'editorial')][@xml:id]"/>
    <xsl:if test="$notes">
      <section class="footnotes">
        <h2><xsl:value-of select="$notes-heading"/></h2>
        <ol>
          <xsl:for-each select="$notes">
            <li id="{@xml:id}" value="{if (@n castable as xs:integer) then @n else position()}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a class="fn-back" href="#fnref-{@xml:id}" aria-label="Back to the text">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
