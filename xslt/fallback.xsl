<?xml version="1.0" encoding="UTF-8"?>
<!-- Any element without its own rule keeps its text, in a span classed tei-NAME: nothing is dropped. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">
  <xsl:template match="tei:*">
    <span class="tei-{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>
