<?xml version="1.0" encoding="UTF-8"?>
<!--
  Functions and named templates every other file uses: whether an element becomes an
  HTML block, the HTML attributes every rendered element gets (id, lang, dir, style),
  a mark's explanation on hover and focus, the view classes, and the safe CSS subset.

  The two views live in one HTML page (docs/rendering.md, "The HTML contract"):
    v-diplomatic-only  shown in the diplomatic view only;
    v-reading-only     shown in the reading view only;
    gen                words the stylesheet makes (brackets, a gap's wording, page and
                       line numbers), not words of the TEI;
    v-apart            the TEI's words outside the running text (notes, apparatus, fw).
  The CSS shows and hides by these classes, so the switch needs no script.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:key name="by-xml-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The document, and the xml:id values more than one of its elements holds (an error the
       validation reports), found once: the id template asks on every element whether its id is
       its own, and the key lookup that says so was a tenth of a play's transform. -->
  <xsl:variable name="ed:source" as="document-node()?" select="/"/>
  <xsl:variable name="ed:repeated-ids" as="map(xs:string, xs:boolean)">
    <xsl:map>
      <xsl:for-each-group select="//@xml:id" group-by="string(.)">
        <xsl:if test="count(current-group()) gt 1"><xsl:map-entry key="current-grouping-key()" select="true()"/></xsl:if>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- TEI elements that always become an HTML block (div, p, section, list, table, figure…). -->
  <xsl:variable name="ed:block-names" as="xs:string*" select="(
      'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'p', 'ab', 'lg', 'list', 'listBibl',
      'table', 'figure', 'sp', 'u', 'head', 'castList', 'front', 'back', 'body', 'text', 'group',
      'titlePage', 'floatingText', 'opener', 'closer', 'postscript', 'trailer', 'argument', 'epigraph',
      'byline', 'docImprint', 'spGrp', 'entryFree', 'entry', 'superEntry', 'sense', 'listPerson',
      'listPlace', 'listEvent', 'sourceDoc', 'surface', 'zone', 'speaker', 'divGen', 'titlePart')"/>

  <!-- An element is rendered as a block when it is one by name, or holds one (outside its notes,
       which are rendered apart): so no HTML p or span ever holds a block. -->
  <xsl:function name="ed:is-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="local-name($e) = $ed:block-names or ed:holds-block($e)"/>
  </xsl:function>

  <xsl:function name="ed:holds-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e//tei:*[local-name() = $ed:block-names]
        [not(ancestor::tei:note[ancestor::* intersect $e] or ancestor::tei:figDesc or ancestor::tei:fw)])"/>
  </xsl:function>

  <!-- An inline or block HTML element of this class, by what the TEI element holds. -->
  <xsl:template name="ed:flexible">
    <xsl:param name="class" as="xs:string" select="'tei-' || local-name()"/>
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="$class"/>
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Each xml:lang value of the document → its BCP 47 tag ('lat' → 'la', 'german' → 'de'), or ''
       when it names no language. The build passes it per document (edition/site/transform.py),
       so the mapping is declared once, in edition/core/langtag.py. -->
  <xsl:param name="ed:languages" as="map(xs:string, xs:string)" select="map {}"/>
  <!-- Each of those tags → the language's name in English ('grc' → 'Ancient Greek'), for labels. -->
  <xsl:param name="ed:language-names" as="map(xs:string, xs:string)" select="map {}"/>

  <!-- A valid BCP 47 tag for an xml:lang value; empty when it cannot be one. -->
  <xsl:function name="ed:lang" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="($ed:languages(normalize-space($value)), '')[1]"/>
  </xsl:function>

  <xsl:function name="ed:is-rtl" as="xs:boolean">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="tokenize($lang, '-')[1] = ('he', 'ar', 'yi', 'fa', 'ur', 'syc', 'arc', 'sam')"/>
  </xsl:function>

  <!-- The attributes every rendered element carries: the HTML id is the TEI xml:id (its first
       holder only, so ids stay unique), lang (BCP 47) and dir from xml:lang, and @style or
       @rendition through the safe CSS subset. -->
  <xsl:template name="id">
    <!-- A copy (a reading repeated for the witness switch, a lemma in its apparatus entry) has no ids. -->
    <xsl:param name="ed:copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:if test="@xml:id and not($ed:copy) and (root(.) is $ed:source and not(map:contains($ed:repeated-ids, string(@xml:id)))
                                                 or key('by-xml-id', string(@xml:id))[1] is .)"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:variable name="lang" select="ed:lang(@xml:lang)"/>
      <xsl:if test="$lang != ''">
        <xsl:attribute name="lang" select="$lang"/>
        <xsl:if test="ed:is-rtl($lang)"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      </xsl:if>
    </xsl:if>
    <xsl:if test="@rendition or @style">
      <xsl:variable name="css" select="ed:element-css(.)"/>
      <xsl:if test="$css != ''"><xsl:attribute name="style" select="$css"/></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ============ Safe CSS: @style and tagsDecl/rendition ============ -->

  <xsl:key name="rendition" match="tei:tagsDecl/tei:rendition[@xml:id]" use="'#' || @xml:id"/>

  <xsl:variable name="ed:css-properties" as="xs:string*" select="('font-style', 'font-weight', 'font-variant',
      'text-decoration', 'text-decoration-line', 'vertical-align', 'font-size', 'letter-spacing', 'text-align',
      'text-indent', 'margin-left', 'margin-right', 'display', 'text-transform', 'word-spacing')"/>

  <!-- One declaration kept when its property is allowed and its value is plain words, numbers and
       relative lengths; url(), expressions, escapes and absolute sizes are dropped. -->
  <xsl:function name="ed:safe-declaration" as="xs:string?">
    <xsl:param name="declaration" as="xs:string"/>
    <xsl:variable name="property" select="lower-case(normalize-space(substring-before($declaration, ':')))"/>
    <xsl:variable name="value" select="lower-case(normalize-space(substring-after($declaration, ':')))"/>
    <xsl:choose>
      <xsl:when test="not($property = $ed:css-properties) or $value = ''"/>
      <xsl:when test="not(matches($value, '^[a-z0-9.\- %#]+$'))"/>
      <xsl:when test="$property = 'display' and not($value = ('block', 'inline', 'inline-block'))"/>
      <xsl:when test="$property = 'font-size' and not(matches($value, '^(-?[0-9.]+(em|%|rem)|smaller|larger|(x{1,2}-)?(small|large)|medium)$'))"/>
      <xsl:when test="$property = ('margin-left', 'margin-right', 'text-indent', 'letter-spacing', 'word-spacing')
                      and not(matches($value, '^(-?[0-9.]+(em|rem|ex|ch|%|pt|px)|0|normal|none)$'))"/>
      <xsl:when test="$property = 'text-indent' and $value = 'none'"><xsl:sequence select="'text-indent: 0'"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="$property || ': ' || $value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="ed:safe-css" as="xs:string">
    <xsl:param name="css" as="xs:string*"/>
    <xsl:sequence select="string-join(for $d in tokenize(string-join($css, ';'), ';')[normalize-space()]
                                      return ed:safe-declaration($d), '; ')"/>
  </xsl:function>

  <!-- The CSS of an element: its renditions (tagsDecl, scheme css) then its own @style. -->
  <xsl:function name="ed:element-css" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="renditions" select="if (empty($e/@rendition)) then () else for $r in tokenize($e/@rendition, '\s+')[starts-with(., '#')]
        return key('rendition', $r, root($e))[not(@scheme) or @scheme = 'css']"/>
    <xsl:sequence select="if (empty($renditions) and empty($e/@style)) then ''
                          else ed:safe-css(($renditions ! string(.), string($e/@style)))"/>
  </xsl:function>

  <!-- ============ Explanations of marks ============ -->

  <!-- A reference (#hand1, resp:x) as words: the handNote's text when there is one, else the id. -->
  <xsl:function name="ed:pointer-words" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="string-join(for $t in tokenize(normalize-space($value), ' ')
        return (let $target := key('by-xml-id', substring-after($t, '#'), root($context))[1]
                return if ($target and normalize-space($target)) then normalize-space(substring(string($target), 1, 80))
                       else replace($t, '^#', '')), ', ')"/>
  </xsl:function>

  <!-- "Deleted; reason: faded; hand: Goethe; by: ed; certainty: low", from the element's attributes. -->
  <xsl:function name="ed:explanation" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="what" as="xs:string"/>
    <xsl:sequence select="string-join(($what,
        $e/@place ! ('place: ' || normalize-space(.)),
        $e/@reason ! ('reason: ' || replace(normalize-space(.), '[-_]', ' ')),
        $e/@agent ! ('cause: ' || normalize-space(.)),
        $e/@type[not(local-name($e) = ('note'))] ! ('type: ' || normalize-space(.)),
        $e/@rend[not(local-name($e) = 'hi')] ! ('as: ' || normalize-space(.)),
        $e/@hand ! ('hand: ' || ed:pointer-words($e, .)),
        $e/@new ! ('new hand: ' || ed:pointer-words($e, .)),
        $e/@resp ! ('by: ' || ed:pointer-words($e, .)),
        $e/@cert ! ('certainty: ' || normalize-space(.))), '; ')"/>
  </xsl:function>

  <!-- A mark explains itself: a title on hover, and focusable so the same words show on focus
       (the CSS shows the title as a tooltip). Not inside links or speaker labels, which are
       focusable already. -->
  <xsl:template name="ed:explain">
    <xsl:param name="what" as="xs:string"/>
    <xsl:attribute name="title" select="ed:explanation(., $what)"/>
    <xsl:if test="not(ed:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if>
  </xsl:template>

  <!-- Inside what becomes a link or a label (a ref, a speaker label, a name linked to its entry,
       phrase.xsl) or an image's description: HTML allows no focusable element in a link. -->
  <xsl:function name="ed:in-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::*[self::tei:speaker or self::tei:ref or self::tei:ptr or self::tei:figDesc
        or ((self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:geogName or self::tei:name
             or self::tei:rs) and (@ref or @key or @corresp))])"/>
  </xsl:function>

  <!-- ============ Numbers in words ============ -->

  <xsl:variable name="ed:number-words" as="xs:string*"
      select="('one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve')"/>

  <!-- "one character", "3 lines" — never "one chars": the unit in the singular or plural. -->
  <xsl:function name="ed:count" as="xs:string">
    <xsl:param name="n" as="xs:decimal"/>
    <xsl:param name="unit" as="xs:string"/>
    <xsl:variable name="singular" select="replace(replace($unit, '^chars?$', 'character'), '^(.*[^s])s$', '$1')"/>
    <xsl:variable name="plural" select="if (ends-with($singular, 'y') and not(matches($singular, '[aeiou]y$')))
        then substring($singular, 1, string-length($singular) - 1) || 'ies'
        else if (matches($singular, '(s|x|ch|sh)$')) then $singular || 'es' else $singular || 's'"/>
    <xsl:sequence select="(if ($n = floor($n) and $n ge 1 and $n le 12) then $ed:number-words[xs:integer($n)] else string($n))
                          || ' ' || (if ($n = 1) then $singular else $plural)"/>
  </xsl:function>
</xsl:stylesheet>
