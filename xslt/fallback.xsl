<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any element without its own rule keeps its text, in a span classed tei-NAME (a div when it
  holds a block, so the HTML stays valid): nothing is dropped. The build summary names these
  elements (edition/tei/coverage.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">
  <xsl:template match="tei:*">
    <xsl:element name="{if (ed:is-block(.) and not(ed:in-paragraph(.)) or ed:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), ed:rend-classes(.)), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Not text: analytic interpretation, links and alignment (edition/tei/views.py, HIDDEN). -->
  <xsl:template match="tei:interpGrp | tei:linkGrp | tei:link | tei:spanGrp | tei:timeline | tei:standOff | tei:facsimile
                       | tei:teiHeader"/>

  <!-- Elements of other vocabularies inside the text (FRUS's, a project's own): their text. -->
  <xsl:template match="*">
    <xsl:apply-templates/>
  </xsl:template>
</xsl:stylesheet>
