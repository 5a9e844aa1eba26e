<?xml version="1.0" encoding="UTF-8"?>
<!--
  The structure of the text: text, group, front/back, title pages, divisions, headings,
  paragraphs and the other blocks (ab, opener, closer, postscript…), speeches (sp with a
  speaker label). A paragraph that holds a block (a list, a table, a quoted paragraph)
  becomes <div class="tei-p">, since HTML's p may hold no block.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <!-- Paragraph numbers shown to readers, counted once in document order (xsl:number would
       count all preceding paragraphs again for each one). Paragraphs of notes are the notes'. -->
  <xsl:accumulator name="paragraph-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:p[not(ancestor::tei:note)]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="tei:TEI/tei:text | tei:body">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- A text inside a text (a letter's enclosure, a collection's items) or a group of texts. -->
  <xsl:template match="tei:text | tei:group | tei:floatingText">
    <section class="tei-{local-name()}{@type ! (' type-' || replace(., '\s+', '-'))}">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <section class="tei-div{@type ! (' type-' || replace(., '\s+', '-'))}">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Headings: h2 for the outermost division, one level deeper for each division around it. -->
  <!-- Headings: h2 for the outermost headed division, one level deeper for each headed division
       around it (never skipping a level), h6 at most. -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::*[tei:head][ed:is-division(.)] except ..)"/>
    <xsl:element name="h{min((2 + $depth, 6))}">
      <xsl:attribute name="class" select="string-join(('tei-head', ed:rend-classes(.)), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="ed:is-division" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="namespace-uri($e) = 'http://www.tei-c.org/ns/1.0'
        and (matches(local-name($e), '^div[1-7]?$') or local-name($e) = ('group', 'text', 'body', 'front', 'back'))"/>
  </xsl:function>

  <!-- A subtitle is part of the heading above it, not a heading of its own. -->
  <xsl:template match="tei:head[@type = 'sub']">
    <p class="tei-head-sub"><xsl:call-template name="id"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:p">
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'p'}">
      <xsl:call-template name="paragraph-class-and-id"/>
      <xsl:call-template name="paragraph-number"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph's class and id, then what the edition's paragraph-attributes hook adds:
       a class joins the paragraph's own rather than replacing it. -->
  <xsl:template name="paragraph-class-and-id">
    <xsl:param name="class" as="xs:string" select="'tei-p'"/>
    <xsl:variable name="added" as="attribute()*"><xsl:call-template name="paragraph-attributes"/></xsl:variable>
    <xsl:attribute name="class" select="string-join(distinct-values(
        tokenize(string-join(($class, ed:rend-classes(.), $added[name() = 'class']), ' '), '\s+')[. != '']), ' ')"/>
    <xsl:call-template name="id"/>
    <xsl:sequence select="$added[name() != 'class']"/>
  </xsl:template>

  <!-- The number readers see links to the paragraph's permanent anchor. An empty paragraph (a
       stamp's place, a commentary not yet written) keeps its anchor and its count, so the numbers
       of the others never shift, but shows no number beside nothing. -->
  <xsl:template name="paragraph-number">
    <xsl:if test="@xml:id and not(ancestor::tei:note) and (normalize-space() or .//tei:*[not(self::tei:lb or self::tei:pb or self::tei:cb)])">
      <a class="pnum gen" href="#{@xml:id}" title="Link to this paragraph">
        <xsl:value-of select="accumulator-before('paragraph-number')"/>
      </a>
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Blocks of prose that are not paragraphs: each a div (or p when it holds no block). -->
  <xsl:template match="tei:ab | tei:opener | tei:closer | tei:postscript | tei:trailer | tei:argument | tei:epigraph
                       | tei:byline | tei:docImprint | tei:dateline | tei:salute | tei:signed | tei:address | tei:docTitle
                       | tei:docAuthor | tei:docDate | tei:docEdition | tei:titlePart | tei:imprimatur">
    <xsl:element name="{if (ed:in-paragraph(.)) then 'span'
                        else if (ed:holds-block(.) or local-name() = ('opener', 'closer', 'postscript', 'argument',
                                 'epigraph', 'docTitle', 'address')) then 'div' else 'p'}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), @type ! ('type-' || replace(., '\s+', '-')),
          ed:rend-classes(.)), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Inside a paragraph or a line, even a dateline or a signature stays in the line. -->
  <xsl:function name="ed:in-paragraph" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::*[self::tei:p or self::tei:l or self::tei:head or self::tei:ab
        or self::tei:seg or self::tei:hi or self::tei:salute or self::tei:signed or self::tei:dateline]
        [not(ed:holds-block(.))])"/>
  </xsl:function>

  <xsl:template match="tei:addrLine">
    <span class="tei-addrLine"><xsl:call-template name="id"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:titlePage">
    <section class="tei-titlePage"><xsl:call-template name="id"/><xsl:apply-templates/></section>
  </xsl:template>

  <xsl:template match="tei:front | tei:back">
    <section class="tei-{local-name()}"><xsl:call-template name="id"/><xsl:apply-templates/></section>
  </xsl:template>

  <!-- A date is an HTML time only with a machine-readable @when (HTML requires one or the other). -->
  <xsl:template match="tei:date | tei:time">
    <xsl:variable name="when" select="normalize-space(@when)"/>
    <xsl:choose>
      <xsl:when test="ed:holds-block(.)"><xsl:call-template name="ed:flexible"/></xsl:when>
      <xsl:when test="$when castable as xs:date or $when castable as xs:gYearMonth or $when castable as xs:gYear
                      or $when castable as xs:dateTime">
        <time class="tei-{local-name()}" datetime="{$when}"><xsl:call-template name="id"/><xsl:apply-templates/></time>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:call-template name="id"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:sp">
    <div class="tei-sp">
      <xsl:call-template name="id"/>
      <xsl:if test="@who">
        <xsl:attribute name="data-who" select="string-join(for $w in tokenize(@who, '\s+') return substring-after($w, '#'), ' ')"/>
      </xsl:if>
      <xsl:call-template name="speech-start"/>
      <xsl:apply-templates/>
      <xsl:call-template name="speech-end"/>
    </div>
  </xsl:template>

  <!-- Divisions with headings, nested, as a table of contents (only where there are several). -->
  <xsl:template name="contents">
    <xsl:variable name="divisions" select="//tei:text//tei:div[tei:head][@xml:id]"/>
    <xsl:if test="count($divisions) gt 1">
      <nav class="toc" aria-label="{$contents-heading}">
        <p class="toc-title"><xsl:value-of select="$contents-heading"/></p>
        <xsl:call-template name="contents-level">
          <xsl:with-param name="divisions" select="ed:headed-divisions(//tei:text/*/tei:div)"/>
        </xsl:call-template>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The divisions a contents level lists: those with a heading and an id; for one without,
       the headed divisions inside it. -->
  <xsl:function name="ed:headed-divisions" as="element()*">
    <xsl:param name="divisions" as="element()*"/>
    <xsl:sequence select="for $d in $divisions return if ($d/tei:head and $d/@xml:id) then $d else ed:headed-divisions($d/tei:div)"/>
  </xsl:function>

  <xsl:template name="contents-level">
    <xsl:param name="divisions"/>
    <xsl:if test="$divisions">
      <ul>
        <xsl:for-each select="$divisions">
          <li>
            <a href="#{@xml:id}"><xsl:value-of select="normalize-space(string-join((tei:head)[1]//text()[not(ancestor::tei:note)], ''))"/></a>
            <xsl:call-template name="contents-level">
              <xsl:with-param name="divisions" select="ed:headed-divisions(tei:div)"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
