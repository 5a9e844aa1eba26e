<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI and the blocks it nests: highlighting (@rend, @rendition, @style), names,
  links, quotations, foreign words, tokens, lists, tables, figures, formulas.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    exclude-result-prefixes="#all">

  <!-- ============ Highlighting ============ -->

  <!-- @rend values (TEI's free words and DTA's #-pointers alike) as rend-* classes the CSS styles:
       "italic" and "#i" both give rend-italic. DTA: #g gesperrt, #k Kapitälchen, #aq Antiqua,
       #in an initial, #et indented. -->
  <xsl:variable name="ed:rend-aliases" as="map(xs:string, xs:string)" select="map {
      'i': 'italic', 'it': 'italic', 'italics': 'italic', 'ital': 'italic', 'em': 'italic', 'slanted': 'italic',
      'b': 'bold', 'strong': 'bold', 'bo': 'bold', 'fett': 'bold',
      'sup': 'sup', 'superscript': 'sup', 'super': 'sup', 'raised': 'sup', 'hoch': 'sup', 'up': 'sup',
      'sub': 'sub', 'subscript': 'sub', 'lowered': 'sub', 'tief': 'sub', 'down': 'sub',
      'sc': 'smallcaps', 'smallcaps': 'smallcaps', 'small-caps': 'smallcaps', 'kap': 'smallcaps', 'caps': 'smallcaps',
      'u': 'underline', 'ul': 'underline', 'underline': 'underline', 'underlined': 'underline',
      'uu': 'underline-double', 'double-underline': 'underline-double', 'doubleunderline': 'underline-double',
      's': 'strike', 'strike': 'strike', 'strikethrough': 'strike', 'struck': 'strike', 'overstrike': 'strike',
      'g': 'spaced', 'spaced': 'spaced', 'letterspaced': 'spaced', 'letter-spaced': 'spaced', 'gesperrt': 'spaced', 'wide': 'spaced',
      'aq': 'antiqua', 'antiqua': 'antiqua', 'roman': 'antiqua', 'fr': 'fraktur', 'fraktur': 'fraktur',
      'c': 'center', 'center': 'center', 'centre': 'center', 'centered': 'center', 'centred': 'center',
      'right': 'right', 'r': 'right', 'align-right': 'right', 'left': 'left', 'align-left': 'left',
      'et': 'indent', 'indent': 'indent', 'indented': 'indent', 'k': 'smallcaps', 'in': 'large',
      'large': 'large', 'larger': 'large', 'big': 'large', 'x-large': 'large', 'small': 'small', 'smaller': 'small',
      'x-small': 'small', 'overline': 'overline', 'boxed': 'boxed', 'box': 'boxed', 'circle': 'boxed',
      'mono': 'mono', 'monospace': 'mono', 'typewriter': 'mono', 'code': 'mono', 'hidden': 'hidden',
      'quoted': 'quoted', 'sperrung': 'spaced', 'expanded': 'spaced' }"/>

  <!-- The classes the CSS styles; a value already one of them is kept as it is. -->
  <xsl:variable name="ed:rend-names" as="xs:string*" select="distinct-values(map:for-each($ed:rend-aliases, function($k, $v) { $v }))"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <xsl:function name="ed:rend-classes" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="distinct-values(for $r in tokenize(lower-case(string-join(($e/@rend, $e/@rendition), ' ')), '[\s;,]+')[. != '']
        return let $k := replace($r, '^#', '') return ($ed:rend-aliases($k), $k[. = $ed:rend-names])[1] ! ('rend-' || .))"/>
  </xsl:function>

  <!-- Only typographic classes and the safe CSS reach the page; the element is HTML's own where one
       says the same thing (i, b, sup, sub, s, u), so the meaning is kept without the stylesheet. -->
  <xsl:template match="tei:hi | tei:emph">
    <xsl:variable name="classes" select="ed:rend-classes(.)"/>
    <xsl:variable name="tag" select="if (ed:holds-block(.)) then 'div'
        else if (self::tei:emph) then 'em'
        else if ($classes = 'rend-sup') then 'sup' else if ($classes = 'rend-sub') then 'sub'
        else if ($classes = 'rend-italic') then 'i' else if ($classes = 'rend-bold') then 'b' else 'span'"/>
    <xsl:element name="{$tag}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), $classes), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Any other element with @rend or @rendition keeps its rendering classes, through the fallback. -->

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:geogName | tei:roleName
                       | tei:forename | tei:surname | tei:addName | tei:genName | tei:num | tei:measure | tei:unit
                       | tei:objectName | tei:bibl | tei:biblScope | tei:citedRange | tei:idno | tei:author | tei:editor
                       | tei:publisher | tei:pubPlace | tei:mentioned | tei:soCalled | tei:distinct | tei:term | tei:gloss
                       | tei:index | tei:interp | tei:ident | tei:code | tei:att | tei:gi | tei:val | tei:tag">
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else if (self::tei:code or self::tei:ident or self::tei:gi or self::tei:att or self::tei:tag or self::tei:val) then 'code' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), ed:rend-classes(.)), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A name that points at an entity (@ref, @key, @corresp) is a link to its entry. The stylesheet
       cannot know which entry (ids are scoped, entries merged edition-wide), so it keeps the pointers
       in data-ref and edition/site/entitylinks.py adds the href when the page is written. Never inside
       another link, a note or a block. -->
  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:name | tei:rs)
                       [@ref or @key or @corresp][ancestor::tei:text][not(ed:holds-block(.))][not(.//tei:note)]
                       [not(ancestor::tei:ref or ancestor::tei:ptr or ancestor::tei:speaker)]
                       [not(ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName
                            or self::tei:geogName or self::tei:name or self::tei:rs][@ref or @key or @corresp])]"
                priority="1">
    <a class="{string-join(('entity-name', 'tei-' || local-name(), ed:rend-classes(.)), ' ')}"
       data-ref="{normalize-space(string-join((@ref, @key, @corresp), ' '))}">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <!-- index entries are for the index, not the text. -->
  <xsl:template match="tei:index" priority="2"/>

  <xsl:template match="tei:title[ancestor::tei:text]">
    <cite class="tei-title{ed:rend-classes(.) ! (' ' || .)}"><xsl:call-template name="id"/><xsl:apply-templates/></cite>
  </xsl:template>
  <xsl:template match="tei:title[ancestor::tei:text][ed:holds-block(.)]" priority="2">
    <xsl:call-template name="ed:flexible"/>
  </xsl:template>

  <!-- ============ Quotation ============ -->

  <!-- A quotation in the line is q (the browser adds no quotes: the source has its own); one that
       holds paragraphs or verse is a blockquote. -->
  <xsl:template match="tei:q | tei:quote | tei:said | tei:cit | tei:soCalled[ed:holds-block(.)]">
    <xsl:element name="{if (ed:holds-block(.)) then (if (self::tei:cit) then 'div' else 'blockquote') else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), ed:rend-classes(.),
          @who ! 'said-by', @type ! ('type-' || replace(., '\s+', '-'))), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:if test="@who"><xsl:attribute name="title" select="'Said by ' || ed:pointer-words(., @who)"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============ Foreign words ============ -->

  <!-- Foreign words: italic, with a valid language tag; never bracketed as if supplied. In a
       transcript (div type="transcript") they are the translator's glosses of the word before, which
       the source put in brackets: the brackets stay, in both views. -->
  <xsl:template match="tei:foreign">
    <xsl:variable name="lang" select="ed:lang(@xml:lang)"/>
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'i'}">
      <xsl:attribute name="class" select="'tei-foreign' || (if (ancestor::tei:div[@type = 'transcript']) then ' tei-foreign-gloss' else '')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============ Links ============ -->

  <!-- A private URI ("bib:b0125") expanded by the header's prefixDef, as the TEI Guidelines
       define it (16.2.3): @matchPattern on what follows the prefix, @replacementPattern as the
       result. A pattern the regex engine refuses leaves the pointer as written, and so does one
       with a quantified group holding a quantifier ("(a+)+"): the engine backtracks, and such a
       pattern takes time exponential in the target's length (24 letters: 7 s). -->
  <xsl:function name="ed:expand-pointer" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="target" as="xs:string"/>
    <xsl:variable name="prefix" select="substring-before($target, ':')"/>
    <xsl:variable name="rest" select="substring-after($target, ':')"/>
    <xsl:variable name="definition" select="if ($prefix = ('', 'http', 'https')) then ()
        else (root($context)//tei:prefixDef[@ident = $prefix][@matchPattern][@replacementPattern]
              [not(matches(@matchPattern, '\([^()]*[*+?}][^()]*\)[*+?{]'))])[1]"/>
    <xsl:choose>
      <xsl:when test="exists($definition)">
        <xsl:try>
          <xsl:sequence select="if (matches($rest, $definition/@matchPattern))
              then replace($rest, $definition/@matchPattern, $definition/@replacementPattern) else $target"/>
          <xsl:catch><xsl:sequence select="$target"/></xsl:catch>
        </xsl:try>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$target"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Links: within the document, to the web, or to a text outside the edition (shown, not linked).
       A ptr has no words of its own: it shows its target (as page furniture, .gen). -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="target" select="ed:expand-pointer(., normalize-space(tokenize(normalize-space(@target), '\s+')[1]))"/>
    <xsl:variable name="block" select="ed:holds-block(.)"/>
    <xsl:choose>
      <xsl:when test="not($block) and ((starts-with($target, '#') and exists(key('by-xml-id', substring($target, 2))))
                      or matches($target, '^https?://'))">
        <a class="tei-ref" href="{$target}"><xsl:call-template name="id"/><xsl:apply-templates/><xsl:if test="self::tei:ptr"><span class="gen"><xsl:value-of select="$target"/></span></xsl:if></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if ($block) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'tei-ref'"/>
          <xsl:call-template name="id"/>
          <xsl:if test="$target != ''"><xsl:attribute name="title" select="$target"/></xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr and $target != ''"><span class="gen"><xsl:value-of select="$target"/></span></xsl:if>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ Tokens ============ -->

  <!-- Tokens of linguistic annotation: their text only. -->
  <xsl:template match="tei:w | tei:c | tei:pc | tei:g | tei:seg[not(parent::tei:u)] | tei:s | tei:phr | tei:cl | tei:m">
    <xsl:choose>
      <xsl:when test="ed:holds-block(.) or @xml:id or @xml:lang or exists(ed:rend-classes(.)) or ed:element-css(.) != ''">
        <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'span'}">
          <xsl:attribute name="class" select="string-join(('tei-' || local-name(), ed:rend-classes(.)), ' ')"/>
          <xsl:call-template name="id"/>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ Lists ============ -->

  <!-- A list of label/item pairs is a description list; an ordered one is numbered. -->
  <xsl:template match="tei:list | tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <xsl:variable name="ordered" select="@type = ('ordered', 'numbered') or matches(@rend, 'numbered|ordered|decimal')"/>
    <xsl:element name="{if (tei:label) then 'dl' else if ($ordered) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="string-join(('tei-list', @type ! ('tei-list-' || replace(., '\s+', '-')), ed:rend-classes(.)), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates select="* except tei:head"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:list/tei:head | tei:listBibl/tei:head">
    <p class="tei-list-head"><xsl:call-template name="id"/><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:item | tei:listBibl/tei:bibl">
    <xsl:element name="{if (parent::*/tei:label) then 'dd' else 'li'}">
      <xsl:attribute name="class" select="'tei-item'"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:list/tei:label">
    <dt class="tei-label"><xsl:call-template name="id"/><xsl:apply-templates/></dt>
  </xsl:template>
  <!-- Anything else directly in a list (a pb, a note, a milestone) is not an item: in a dl it goes
       with the term or description beside it, in ul/ol it must be a list item. -->
  <xsl:template match="tei:list/*[not(self::tei:item or self::tei:label or self::tei:head)]" priority="0.4">
    <xsl:element name="{if (parent::*/tei:label) then 'dd' else 'li'}">
      <xsl:attribute name="class" select="'tei-list-other'"/>
      <xsl:next-match/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:label">
    <xsl:call-template name="ed:flexible"/>
  </xsl:template>

  <!-- ============ Tables ============ -->

  <xsl:template match="tei:table">
    <!-- Focusable, so a keyboard can scroll a table wider than the screen. -->
    <div class="tei-table-wrap" tabindex="0">
      <table class="tei-table">
        <xsl:call-template name="id"/>
        <xsl:apply-templates select="tei:head[1]"/>
        <tbody><xsl:apply-templates select="tei:row"/></tbody>
      </table>
      <xsl:apply-templates select="* except (tei:head[1] | tei:row)"/>
    </div>
  </xsl:template>
  <xsl:template match="tei:table/tei:head">
    <caption><xsl:call-template name="id"/><xsl:apply-templates/></caption>
  </xsl:template>
  <xsl:template match="tei:table/tei:head[preceding-sibling::tei:head]" priority="2">
    <p class="tei-head"><xsl:call-template name="id"/><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr><xsl:call-template name="id"/><xsl:apply-templates select="tei:cell"/></tr>
  </xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or parent::tei:row/@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:integer and xs:integer(@cols) gt 1"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:integer and xs:integer(@rows) gt 1"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:variable name="classes" select="ed:rend-classes(.)"/>
      <xsl:if test="exists($classes)"><xsl:attribute name="class" select="string-join($classes, ' ')"/></xsl:if>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============ Figures and formulas ============ -->

  <!-- A figure: its image (inside the edition, by a relative path) with figDesc as the text
       alternative, its heading as the caption. -->
  <xsl:template match="tei:figure">
    <xsl:element name="{if (ed:in-paragraph(.)) then 'span' else 'figure'}">
      <xsl:attribute name="class" select="string-join(('tei-figure', ed:rend-classes(.)), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates select="tei:graphic | tei:media"/>
      <xsl:if test="not(tei:graphic | tei:media) and tei:figDesc">
        <span class="figure-placeholder v-apart"><span class="gen">[Figure: </span><xsl:apply-templates select="tei:figDesc/node()"/><span class="gen">]</span></span>
      </xsl:if>
      <xsl:apply-templates select="* except (tei:graphic | tei:media | tei:figDesc | tei:head)"/>
      <xsl:if test="tei:head">
        <xsl:element name="{if (ed:in-paragraph(.)) then 'span' else 'figcaption'}">
          <xsl:attribute name="class" select="'tei-caption'"/>
          <xsl:apply-templates select="tei:head/node()"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Only a relative path stays an image: nothing is loaded from another server. The build
       (edition/site/images.py) then points src at the image's copy in the site, or replaces the img
       by the placeholder below when the file is missing or lies outside the edition. -->
  <xsl:template match="tei:graphic | tei:media">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:variable name="alt" select="normalize-space(string-join(../tei:figDesc//text(), ''))"/>
    <xsl:choose>
      <xsl:when test="$url != '' and not(matches($url, '^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^/'))">
        <img class="tei-graphic" src="{$url}" alt="{$alt}" loading="lazy">
          <xsl:call-template name="id"/>
        </img>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-graphic gen" title="{$url}">[Image<xsl:value-of select="if ($alt) then ': ' || $alt else ''"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- figDesc is the image's text alternative (in alt); a figure without an image shows it above. -->
  <xsl:template match="tei:figDesc"/>
  <xsl:template match="tei:caption">
    <span class="tei-caption"><xsl:call-template name="id"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- MathML as it is (in HTML's own math element); TeX as TeX code, marked for the reader. -->
  <xsl:template match="tei:formula">
    <xsl:variable name="block" select="ed:holds-block(.) or (@rend = 'display' and not(ed:in-paragraph(.)))"/>
    <xsl:element name="{if ($block) then 'div' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-formula', (@notation, 'tex'[not(current()/*) and matches(current(), '\\[a-zA-Z]+|[\^_]\{')])[1]
          ! ('notation-' || lower-case(.))), ' ')"/>
      <xsl:call-template name="id"/>
      <xsl:choose>
        <xsl:when test="m:math"><xsl:apply-templates select="m:math" mode="mathml"/></xsl:when>
        <!-- Declared TeX is marked tei-formula-tex: the build converts it to MathML
             (edition/site/formulas.py). TeX guessed from its commands stays TeX code. -->
        <xsl:when test="lower-case(@notation) = ('tex', 'latex')">
          <code class="tex tei-formula-tex" title="TeX"><xsl:apply-templates/></code>
        </xsl:when>
        <xsl:when test="not(@notation) and not(*) and matches(., '\\[a-zA-Z]+|[\^_]\{')">
          <code class="tex" title="TeX"><xsl:apply-templates/></code>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- MathML elements in no namespace prefix: HTML puts math and its children in MathML by itself. -->
  <xsl:template match="m:*" mode="mathml">
    <xsl:element name="{local-name()}">
      <xsl:copy-of select="@*[namespace-uri() = ''][not(starts-with(local-name(), 'on'))][not(local-name() = ('href', 'src', 'style'))]"/>
      <xsl:apply-templates mode="mathml"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="m:math" priority="2"><xsl:apply-templates select="." mode="mathml"/></xsl:template>
</xsl:stylesheet>
