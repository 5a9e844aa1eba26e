<?xml version="1.0" encoding="UTF-8"?>
<!-- Phrase-level TEI: highlighting, names, links, choices, apparatus, glosses, page breaks, lists, tables. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="lower-case(string(@rend))"/>
    <xsl:variable name="tag" select="if (contains($rend, 'ital')) then 'i' else if (contains($rend, 'bold') or contains($rend, 'strong'))
        then 'b' else if (contains($rend, 'sup')) then 'sup' else if (contains($rend, 'sub')) then 'sub' else 'span'"/>
    <xsl:element name="{$tag}">
      <xsl:attribute name="class" select="string-join(('tei-hi', for $r in tokenize($rend, '\s+')[. != ''] return 'rend-' || $r), ' ')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <span class="tei-{local-name()}"><xsl:call-template name="id"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:title[ancestor::tei:text]"><cite class="tei-title"><xsl:apply-templates/></cite></xsl:template>
  <xsl:template match="tei:q | tei:quote"><q class="tei-{local-name()}"><xsl:apply-templates/></q></xsl:template>

  <!-- Links: within the document, to the web, or to a text outside the edition (shown, not linked). -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]">
    <xsl:variable name="target" select="normalize-space(tokenize(@target, '\s+')[1])"/>
    <xsl:choose>
      <xsl:when test="starts-with($target, '#') and id(substring($target, 2))">
        <a class="tei-ref" href="{$target}"><xsl:apply-templates/><xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if></a>
      </xsl:when>
      <xsl:when test="matches($target, '^https?://')">
        <a class="tei-ref" href="{$target}"><xsl:apply-templates/><xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if></a>
      </xsl:when>
      <xsl:otherwise><span class="tei-ref" title="{$target}"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- choice: the regular form in the text, the other on hover and focus. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(tei:corr, tei:expan, tei:reg)[1]"/>
    <xsl:variable name="other" select="(tei:sic, tei:abbr, tei:orig)[1]"/>
    <span class="tei-choice" tabindex="0" title="{if ($other) then concat('Original: ', normalize-space($other)) else ''}">
      <xsl:apply-templates select="($shown, $other)[1]/node()"/>
      <xsl:if test="$shown and $other"><span class="alternative" hidden=""><xsl:apply-templates select="$other/node()"/></span></xsl:if>
    </span>
  </xsl:template>

  <!-- app: the lemma in the text; the readings with their witnesses on hover and focus. -->
  <xsl:template match="tei:app">
    <span class="tei-app" tabindex="0">
      <span class="lem"><xsl:apply-templates select="(tei:lem, tei:rdg)[1]/node()"/></span>
      <span class="rdgs"> [<xsl:for-each select="tei:rdg[not(. is (current()/(tei:lem, tei:rdg)[1]))] | tei:lem[current()/tei:lem]">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="@wit"><xsl:text> </xsl:text><span class="wit"><xsl:value-of select="translate(@wit, '#', '')"/></span></xsl:if>
        </xsl:for-each>]</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:gloss | tei:term">
    <abbr class="tei-{local-name()}"><xsl:call-template name="id"/><xsl:apply-templates/></abbr>
  </xsl:template>

  <xsl:template match="tei:pb">
    <span class="tei-pb"><xsl:call-template name="id"/>[<xsl:value-of select="if (@n) then concat('p. ', @n) else 'page break'"/>]</span>
  </xsl:template>

  <!-- Tokens of linguistic annotation: their text only. -->
  <xsl:template match="tei:w | tei:c | tei:pc | tei:seg[not(parent::tei:u)]"><xsl:apply-templates/></xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <ul class="tei-list{if (@type) then ' tei-list-' || @type else ''}"><xsl:call-template name="id"/><xsl:apply-templates select="* except tei:head"/></ul>
  </xsl:template>
  <xsl:template match="tei:list/tei:head"><p class="tei-list-head"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:item"><li class="tei-item"><xsl:call-template name="id"/><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="tei:list/tei:label"><li class="tei-label"><xsl:apply-templates/></li></xsl:template>

  <xsl:template match="tei:table">
    <table class="tei-table"><xsl:call-template name="id"/><xsl:apply-templates/></table>
  </xsl:template>
  <xsl:template match="tei:table/tei:head"><caption><xsl:apply-templates/></caption></xsl:template>
  <xsl:template match="tei:row"><tr><xsl:apply-templates/></tr></xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or parent::tei:row/@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:signed | tei:closer | tei:salute | tei:byline">
    <p class="tei-{local-name()}"><xsl:call-template name="id"/><xsl:apply-templates/></p>
  </xsl:template>
</xsl:stylesheet>
