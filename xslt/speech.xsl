<?xml version="1.0" encoding="UTF-8"?>
<!--
  Speech in the three TEI styles: sp/@who with speaker (transcripts, DraCor),
  u/@who (ParlaMint: the name from the person list, or the id), and FRUS-style
  paragraphs that open with an italic label ("The President:").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <xsl:key name="person" match="tei:person | tei:personGrp" use="@xml:id"/>

  <xsl:function name="ed:first-person" as="xs:string">
    <xsl:param name="who" as="attribute()?"/>
    <xsl:sequence select="substring-after(tokenize(normalize-space($who), ' ')[1], '#')"/>
  </xsl:function>

  <xsl:template match="tei:speaker">
    <p class="tei-speaker">
      <xsl:variable name="person" select="ed:first-person(parent::tei:sp/@who)"/>
      <xsl:choose>
        <xsl:when test="$person != ''"><a class="speaker-link" href="../persons.html#{$person}" data-ref="#{$person}"><xsl:apply-templates/></a></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- The label of a declared person: its persName, or a personGrp's name (DraCor's Chorus,
       Musicians); else its id, so a speaker link is never empty — an id spelt as a name in camel
       case (ParlaMint's "PeterFowler", whose person list is in another file) read as words. -->
  <xsl:function name="ed:person-label" as="xs:string">
    <xsl:param name="declared" as="element()?"/>
    <xsl:param name="person" as="xs:string"/>
    <xsl:sequence select="(($declared/(tei:persName | tei:name))[1] ! normalize-space()[. != ''],
        if (matches($person, '^(\p{Lu}\p{Ll}+)(\p{Lu}\p{Ll}+)+$')) then replace(replace($person, '(\p{Ll})(\p{Lu})', '$1 $2'), '(^| )(Mc|Mac) (\p{Lu})', '$1$2$3') else $person)[1]"/>
  </xsl:function>

  <!-- A speech without a speaker label (DraCor's epilogues): the label is the person's name. -->
  <xsl:template match="tei:sp[@who][not(tei:speaker)]">
    <xsl:variable name="person" select="ed:first-person(@who)"/>
    <xsl:variable name="declared" select="key('person', $person)[1]"/>
    <div class="tei-sp">
      <xsl:call-template name="id"/>
      <xsl:attribute name="data-who" select="$person"/>
      <xsl:call-template name="speech-start"/>
      <p class="tei-speaker"><a class="speaker-link supplied-label" href="../persons.html#{$person}" data-ref="#{$person}">
        <xsl:value-of select="ed:person-label($declared, $person)"/>
      </a></p>
      <xsl:apply-templates/>
      <xsl:call-template name="speech-end"/>
    </div>
  </xsl:template>

  <!-- Neither a label nor @who: say so rather than run the speech into the one before. -->
  <xsl:template match="tei:sp[not(@who)][not(tei:speaker)]">
    <div class="tei-sp">
      <xsl:call-template name="id"/>
      <xsl:call-template name="speech-start"/>
      <p class="tei-speaker"><span class="unattributed">[speaker not named]</span></p>
      <xsl:apply-templates/>
      <xsl:call-template name="speech-end"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:u">
    <xsl:variable name="person" select="ed:first-person(@who)"/>
    <xsl:variable name="declared" select="key('person', $person)[1]"/>
    <div class="tei-sp tei-u">
      <xsl:call-template name="id"/>
      <xsl:if test="$person != ''"><xsl:attribute name="data-who" select="$person"/></xsl:if>
      <xsl:call-template name="speech-start"/>
      <p class="tei-speaker">
        <xsl:choose>
          <xsl:when test="$person != ''">
            <a class="speaker-link" href="../persons.html#{$person}" data-ref="#{$person}">
              <xsl:value-of select="ed:person-label($declared, $person)"/>
            </a>
          </xsl:when>
          <xsl:otherwise><span class="unattributed">[speaker not named]</span></xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:apply-templates/>
      <xsl:call-template name="speech-end"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:u/tei:seg">
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'p'}">
      <xsl:call-template name="paragraph-class-and-id"><xsl:with-param name="class" select="'tei-p tei-seg'"/></xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- FRUS: a paragraph that opens with an italic label and a colon ("The President:") is a speech. -->
  <xsl:template match="tei:p[ed:speaker-label(.)]" priority="2">
    <xsl:variable name="label" select="ed:speaker-label(.)"/>
    <xsl:variable name="after" select="$label/following-sibling::node()[1]"/>
    <div class="tei-sp tei-labelled">
      <xsl:call-template name="speech-start"/>
      <!-- The label links to the person it names once the edition knows who that is (edition/site/entitylinks.py). -->
      <xsl:variable name="label-words" select="normalize-space(replace(normalize-space($label), ':$', ''))"/>
      <p class="tei-speaker"><a class="speaker-link" data-ref="label:{$label-words}"><xsl:value-of select="$label-words"/></a>:</p>
      <p>
        <xsl:call-template name="paragraph-class-and-id"/>
        <xsl:call-template name="paragraph-number"/>
        <xsl:for-each select="node()[. >> $label]">
          <xsl:choose>
            <xsl:when test=". is $after and self::text()"><xsl:value-of select="replace(., '^\s*:\s*', '')"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </p>
      <xsl:call-template name="speech-end"/>
    </div>
  </xsl:template>

  <!-- The italic label opening a paragraph, followed by (or ending in) a colon; nothing before it. -->
  <xsl:function name="ed:speaker-label" as="element()?">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="first" select="$p/node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:sequence select="$first[self::tei:hi[contains(@rend, 'italic')]]
        [ends-with(normalize-space(.), ':') or matches(string(following-sibling::node()[1][self::text()]), '^\s*:')]
        [string-length(normalize-space(.)) le 60]"/>
  </xsl:function>
</xsl:stylesheet>
