<?xml version="1.0" encoding="UTF-8"?>
<!-- Plays: the cast list, verse with line numbers every five lines, stage directions. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <xsl:accumulator name="line-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:body//tei:l" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="tei:front | tei:back">
    <section class="tei-{local-name()}"><xsl:call-template name="id"/><xsl:apply-templates/></section>
  </xsl:template>

  <xsl:template match="tei:castList">
    <section class="tei-castList"><xsl:call-template name="id"/>
      <xsl:apply-templates select="tei:head"/>
      <ul><xsl:apply-templates select="* except tei:head"/></ul>
    </section>
  </xsl:template>
  <xsl:template match="tei:castGroup">
    <li class="tei-castGroup"><xsl:apply-templates select="tei:head"/><ul><xsl:apply-templates select="* except tei:head"/></ul></li>
  </xsl:template>
  <xsl:template match="tei:castItem">
    <li class="tei-castItem"><xsl:call-template name="id"/><xsl:apply-templates/></li>
  </xsl:template>
  <xsl:template match="tei:castList/tei:head | tei:castGroup/tei:head">
    <span class="tei-head"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:roleDesc"><span class="tei-roleDesc">, <xsl:apply-templates/></span></xsl:template>

  <xsl:template match="tei:lg">
    <div class="tei-lg"><xsl:call-template name="id"/><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:variable name="n" select="accumulator-before('line-number')"/>
    <span class="tei-l">
      <xsl:call-template name="id"/>
      <xsl:if test="$line-number-every gt 0 and $n mod $line-number-every = 0"><span class="lnum" aria-hidden="true"><xsl:value-of select="$n"/></span></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:stage">
    <xsl:element name="{if (parent::tei:div or parent::tei:sp or parent::tei:body) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'tei-stage'"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>
  <xsl:template match="tei:milestone"/>
</xsl:stylesheet>
