<?xml version="1.0" encoding="UTF-8"?>
<!-- Plays and poems: the cast list, verse with line numbers (params.xsl line-number-every), stage directions. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <!-- Verse lines of a play run through the play; those of a poem (an outermost lg outside any
       speech) are counted per poem. A line's own @n wins when it is a number. -->
  <xsl:accumulator name="line-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:l[not(ancestor::tei:note)]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="tei:castList">
    <section class="tei-castList"><xsl:call-template name="id"/>
      <xsl:apply-templates select="tei:head"/>
      <ul><xsl:apply-templates select="* except tei:head"/></ul>
    </section>
  </xsl:template>
  <xsl:template match="tei:castGroup">
    <li class="tei-castGroup"><xsl:call-template name="id"/><xsl:apply-templates select="tei:head"/><ul><xsl:apply-templates select="* except tei:head"/></ul></li>
  </xsl:template>
  <xsl:template match="tei:castItem">
    <li class="tei-castItem"><xsl:call-template name="id"/><xsl:apply-templates/></li>
  </xsl:template>
  <!-- A castList or castGroup holds items; anything else there (a pb, a role description) is an item too. -->
  <xsl:template match="tei:castList/*[not(self::tei:castItem or self::tei:castGroup or self::tei:head)]
                       | tei:castGroup/*[not(self::tei:castItem or self::tei:castGroup or self::tei:head)]" priority="0.4">
    <li class="tei-cast-other"><xsl:next-match/></li>
  </xsl:template>
  <xsl:template match="tei:castList/tei:head | tei:castGroup/tei:head">
    <span class="tei-head"><xsl:call-template name="id"/><xsl:apply-templates/></span>
  </xsl:template>
  <!-- An empty item (DraCor's castItem sameAs="#WITCHES.1" under the group's item) says nothing
       a reader can see: no empty bullet. -->
  <xsl:template match="tei:castItem[not(normalize-space()) and not(@xml:id) and not(*)]"/>
  <!-- The layout whitespace around a role and its description is not text: "Duncan, king", not "Duncan , king". -->
  <xsl:template match="(tei:castItem | tei:role)/text()[not(normalize-space())]
                       [not(preceding-sibling::node()) or not(following-sibling::node()) or following-sibling::*[1][self::tei:roleDesc]]"/>
  <xsl:template match="tei:roleDesc"><span class="tei-roleDesc"><span class="gen">,</span><xsl:text> </xsl:text><xsl:apply-templates/></span></xsl:template>

  <xsl:template match="tei:lg">
    <div class="{string-join(('tei-lg', @type ! ('type-' || replace(., '\s+', '-')), ed:rend-classes(.)), ' ')}">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>
  <xsl:template match="tei:lg/tei:head">
    <p class="tei-lg-head"><xsl:call-template name="id"/><xsl:apply-templates/></p>
  </xsl:template>

  <!-- A verse line's number as the page shows it (the apparatus locates its entries by it). -->
  <xsl:function name="ed:line-number" as="xs:integer">
    <xsl:param name="l" as="element()"/>
    <xsl:variable name="poem" select="$l/ancestor::tei:lg[not(ancestor::tei:lg)][not(ancestor::tei:sp)][1]"/>
    <xsl:sequence select="if ($l/@n castable as xs:integer) then xs:integer($l/@n)
        else if ($poem) then $l ! accumulator-before('line-number') - $poem ! accumulator-before('line-number')
        else $l ! accumulator-before('line-number')"/>
  </xsl:function>

  <xsl:template match="tei:l">
    <xsl:variable name="n" select="ed:line-number(.)"/>
    <span class="{string-join(('tei-l', ed:rend-classes(.)), ' ')}">
      <xsl:call-template name="id"/>
      <xsl:if test="$line-number-every gt 0 and $n gt 0 and $n mod $line-number-every = 0"><span class="lnum" aria-hidden="true" data-pagefind-ignore=""><xsl:value-of select="$n"/></span></xsl:if>
      <xsl:apply-templates/>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:stage">
    <!-- A direction inside another (a sound within an entrance) stays in its line. -->
    <xsl:element name="{if (ed:in-paragraph(.) or ancestor::tei:l or ancestor::tei:stage) then 'span' else 'p'}">
      <xsl:attribute name="class" select="string-join(('tei-stage', @type ! ('type-' || replace(., '\s+', '-'))), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleName[ancestor::tei:castList]">
    <span class="tei-{local-name()}"><xsl:call-template name="id"/><xsl:apply-templates/></span>
  </xsl:template>
</xsl:stylesheet>
