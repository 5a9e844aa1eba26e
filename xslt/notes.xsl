<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes are commentary, not marks: they show in both views, never in the running text.
  By @place: foot, end, bottom (and a note without a place) become a numbered marker with
  the note at the end of the text, linked both ways; margin, left, right stand beside the
  line; inline stays in the line in brackets. A note between speeches or paragraphs (ParlaMint's
  speaker and comment notes) is its own short line. A stand-off note (in back, standOff or
  noteGrp, with @target) gets its marker where its @target points.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <xsl:key name="standoff-notes" match="tei:note[ed:is-standoff(.)]"
           use="substring(tokenize(normalize-space(@target), ' ')[1], 2)"/>

  <!-- A note away from the text it comments on, pointing at it. -->
  <xsl:function name="ed:is-standoff" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/@target) and exists($note/(ancestor::tei:back | ancestor::tei:standOff | ancestor::tei:noteGrp))
        and starts-with(normalize-space($note/@target), '#')
        and exists(key('by-xml-id', substring(tokenize(normalize-space($note/@target), ' ')[1], 2), root($note)))"/>
  </xsl:function>

  <!-- foot | margin | inline | line | standoff: where a note is shown. -->
  <xsl:function name="ed:note-kind" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="place" select="lower-case(normalize-space($note/@place))"/>
    <xsl:sequence select="
        if (ed:is-standoff($note)) then 'standoff'
        else if (not($note/@xml:id)) then (if (ed:is-in-flow($note)) then 'inline' else 'line')
        else if (ed:holds-block($note) or $place = ('foot', 'end', 'bottom')) then 'foot'
        else if (matches($place, '^(margin|left|right|opposite)')) then 'margin'
        else if ($place = ('inline', 'in', 'interlinear') or $note/@type = 'editorial') then 'inline'
        else if (not(ed:is-in-flow($note)) and not($note/@n)) then 'line'
        else 'foot'"/>
  </xsl:function>

  <!-- The footnotes, in document order: numbered by @n where they have one, else by position. -->
  <!-- A note within a footnote is a note on the note: its own footnote, after it. -->
  <!-- A note of the apparatus is in its entry (apparatus.xsl). -->
  <xsl:variable name="ed:footnotes" select="//tei:text//tei:note[@xml:id][ed:note-kind(.) = ('foot', 'standoff')][not(ed:in-apparatus(.))]"/>

  <xsl:function name="ed:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@n[normalize-space()] ! normalize-space(.),
                           string(ed:index-of-node($ed:footnotes, $note)))[1]"/>
  </xsl:function>
  <xsl:function name="ed:index-of-node" as="xs:integer">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(for $i in 1 to count($nodes) return if ($nodes[$i] is $node) then $i else ())[1]"/>
  </xsl:function>

  <xsl:template match="tei:note">
    <xsl:variable name="kind" select="ed:note-kind(.)"/>
    <xsl:choose>
      <xsl:when test="$kind = 'foot'"><xsl:call-template name="ed:note-marker"/></xsl:when>
      <xsl:when test="$kind = 'standoff'"/>
      <xsl:when test="$kind = 'margin'">
        <span class="tei-note note-margin v-apart{@type ! (' note-' || .)}">
          <xsl:call-template name="id"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="$kind = 'line'">
        <p class="tei-note note-line v-apart{@type ! (' note-' || .)}"><xsl:call-template name="id"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-note note-inline v-apart{@type ! (' note-' || .)}">
          <xsl:call-template name="id"/>
          <span class="gen" aria-hidden="true">[</span><xsl:apply-templates/><span class="gen" aria-hidden="true">]</span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:note-marker">
    <xsl:param name="note" select="." as="element()"/>
    <a class="fn-ref" id="fnref-{$note/@xml:id}" href="#{$note/@xml:id}">
      <sup><xsl:value-of select="ed:note-number($note)"/></sup>
    </a>
  </xsl:template>

  <!-- An element a stand-off note points at: the element, then the note's marker. -->
  <!-- Whether the document has a stand-off note at all, found once (most have none): the template
       below is tried on every element. -->
  <xsl:variable name="ed:has-standoff-notes" as="xs:boolean" select="exists(//tei:note[ed:is-standoff(.)])"/>

  <xsl:template match="tei:*[$ed:has-standoff-notes][@xml:id][exists(key('standoff-notes', string(@xml:id)))]" priority="3">
    <xsl:next-match/>
    <xsl:call-template name="standoff-note-markers"/>
  </xsl:template>

  <xsl:template name="standoff-note-markers">
    <xsl:if test="@xml:id">
      <xsl:for-each select="key('standoff-notes', string(@xml:id))">
        <xsl:call-template name="ed:note-marker"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="footnotes">
    <xsl:if test="exists($ed:footnotes)">
      <section class="footnotes">
        <h2><xsl:value-of select="$notes-heading"/></h2>
        <ol>
          <xsl:for-each select="$ed:footnotes">
            <li id="{@xml:id}">
              <xsl:variable name="number" select="ed:note-number(.)"/>
              <xsl:if test="ed:lang(@xml:lang) != ''"><xsl:attribute name="lang" select="ed:lang(@xml:lang)"/></xsl:if>
              <xsl:choose>
                <xsl:when test="$number castable as xs:integer"><xsl:attribute name="value" select="xs:integer($number)"/></xsl:when>
                <xsl:otherwise>
                  <xsl:attribute name="class" select="'fn-unnumbered'"/>
                  <span class="fn-n gen"><xsl:value-of select="$number"/><xsl:text> </xsl:text></span>
                </xsl:otherwise>
              </xsl:choose>
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
