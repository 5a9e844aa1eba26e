<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries (TEI "dictionaries" module): an entry is a block, its senses blocks within it,
  the rest (form, orthography, grammar, definition, usage, cross-references) stays in the line,
  each classed tei-NAME for the CSS (headword bold, grammar italic).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:entryFree | tei:entry | tei:superEntry | tei:sense | tei:re | tei:dictScrap">
    <div class="{string-join(('tei-' || local-name(), 'tei-dict-block', ed:rend-classes(.)), ' ')}">
      <xsl:call-template name="id"/>
      <xsl:if test="self::tei:sense and @n"><span class="sense-n gen"><xsl:value-of select="@n"/>. </span></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:form | tei:orth | tei:pron | tei:hyph | tei:syll | tei:stress | tei:gramGrp | tei:pos
                       | tei:subc | tei:gen | tei:number | tei:case | tei:per | tei:tns | tei:mood | tei:iType
                       | tei:colloc | tei:def | tei:usg | tei:lbl | tei:xr | tei:etym | tei:lang | tei:oRef | tei:pRef
                       | tei:gram">
    <xsl:call-template name="ed:flexible">
      <xsl:with-param name="class" select="string-join(('tei-' || local-name(), ed:rend-classes(.)), ' ')"/>
    </xsl:call-template>
    <xsl:text> </xsl:text>
  </xsl:template>
</xsl:stylesheet>
