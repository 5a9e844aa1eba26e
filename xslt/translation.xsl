<?xml version="1.0" encoding="UTF-8"?>
<!--
  A translation beside its original, in the same file (docs/website.md, "Translations").

  A translation is a div or text with @type="translation" (the EpiDoc convention). Its original
  is the sibling its @corresp points at, or that points at it; else the first sibling
  div/text with @type="edition"; else the first sibling div/text in another language that is
  neither a translation nor commentary. Unmarked, the later of sibling divisions of one kind in
  two languages is the first's translation (ed:implied-original). The original is laid out with its translations as a
  grid of aligned rows: a translation's block stands in the row of the original block its
  @corresp points at, or, when none of its blocks points anywhere, in the row of the original
  block at the same position. Each block keeps its own id.

  The page's order stays the TEI's (the whole original, then each translation): the rows are
  a grid placement (the custom property row), so a screen reader, a copy or the fidelity check
  reads each text whole. A switch (edition.js) shows one text alone; without a wide screen or
  without JavaScript the texts stand one after the other, each under its label.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <!-- The divisions a translation can be: a div (div1 to div7 too), or a text in a group. -->
  <xsl:function name="ed:is-division" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3 | self::tei:div4
                          | self::tei:div5 | self::tei:div6 | self::tei:div7 | self::tei:text))"/>
  </xsl:function>

  <xsl:function name="ed:is-translation" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:is-division($e) and (tokenize($e/@type) = 'translation' or exists(ed:implied-original($e)))"/>
  </xsl:function>

  <!-- A translation not marked as one (familyletters: div1 type="letter" in Spanish, then in English):
       of sibling divisions of one kind (the same element and @type; a div needs a @type, a text in
       a group may have none) each in a language, the first is the original, and one in another
       language its translation. Kinds that are no text of their own (commentary, notes, apparatus,
       bibliography) and two editions (a bilingual inscription: both are originals) are left apart. -->
  <xsl:function name="ed:implied-original" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="type" select="normalize-space($e/@type)"/>
    <xsl:variable name="first" select="if (ed:is-division($e) and $e/@xml:lang and ($type != '' or $e/self::tei:text)
        and not(tokenize($type) = ('translation', 'edition', 'textpart', 'commentary', 'notes', 'apparatus', 'bibliography')))
        then $e/../*[node-name(.) = node-name($e)][normalize-space(@type) = $type][@xml:lang][1] else ()"/>
    <xsl:sequence select="$first[not(. is $e)][ed:lang(@xml:lang) != ed:lang($e/@xml:lang)]"/>
  </xsl:function>

  <!-- The original a translation renders beside; empty when it has none among its siblings. -->
  <xsl:function name="ed:original-of" as="element()?">
    <xsl:param name="translation" as="element()"/>
    <xsl:variable name="implied" select="ed:implied-original($translation)"/>
    <xsl:sequence select="if (exists($implied)) then $implied else ed:marked-original-of($translation)"/>
  </xsl:function>

  <xsl:key name="ed:pointing-at" match="*[@corresp]" use="tokenize(@corresp)"/>

  <xsl:function name="ed:marked-original-of" as="element()?">
    <xsl:param name="translation" as="element()"/>
    <xsl:variable name="siblings" select="$translation/../*[ed:is-division(.)][not(ed:is-translation(.))]"/>
    <!-- Looked up, not searched for among the siblings: asked of each translation, that search took
         time quadratic in their number. -->
    <xsl:variable name="pointed" select="(tokenize($translation/@corresp)[starts-with(., '#')] ! key('by-xml-id', substring(., 2), root($translation))
        | $translation/@xml:id ! key('ed:pointing-at', '#' || ., root($translation)))
        [.. is $translation/..][ed:is-division(.)][not(ed:is-translation(.))]"/>
    <xsl:variable name="lang" select="string($translation/@xml:lang)"/>
    <xsl:sequence select="($pointed, $siblings[tokenize(@type) = 'edition'],
        $siblings[@xml:lang and string(@xml:lang) != $lang and not(tokenize(@type) = ('commentary', 'bibliography',
        'apparatus', 'notes'))])[1]"/>
  </xsl:function>

  <!-- Each translation filed under its original once: asked of every division, a search of the
       siblings took time of the fourth power of their number (100 sibling divisions: 87 s). -->
  <xsl:key name="ed:translations" match="*[ed:is-translation(.)]" use="ed:original-of(.) ! generate-id(.)"/>

  <!-- Whether the document has a translation at all, found once: most have none, and the template
       for what stands between an original and its translation is tried on every element. -->
  <xsl:variable name="ed:has-translations" as="xs:boolean"
                select="exists(//(tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
                        | tei:text)[ed:is-translation(.)])"/>

  <xsl:function name="ed:translations-of" as="element()*">
    <xsl:param name="original" as="element()"/>
    <xsl:sequence select="key('ed:translations', generate-id($original), root($original))"/>
  </xsl:function>

  <!-- The blocks of a text in the grid: its children, less the whitespace between them. -->
  <xsl:function name="ed:parallel-blocks" as="node()*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text/node()[not(self::text()[not(normalize-space())] or self::comment()
        or self::processing-instruction())]"/>
  </xsl:function>

  <!-- The original with its translations (a translation itself is rendered there, not in place). -->
  <!-- (ed:translations-of is a look-up: a test of the siblings first took time quadratic in their number.) -->
  <xsl:template match="(tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:text)
                       [exists(ed:translations-of(.))]" priority="2">
    <xsl:variable name="translations" select="ed:translations-of(.)"/>
    <xsl:variable name="name" select="'show-' || (@xml:id, generate-id())[1]"/>
    <!-- With two translations or more, three columns would squeeze the original (IOSPE: Greek with
         line numbers and apparatus markers, Russian, English): the original stands beside one
         translation at a time, the first unless the reader chooses another (edition.js). -->
    <xsl:variable name="several" select="count($translations) gt 1"/>
    <div class="parallel-text" data-parallel="">
      <xsl:if test="$several">
        <xsl:attribute name="data-parallel-default" select="'original ' || ed:column-key($translations[1], 1)"/>
      </xsl:if>
      <fieldset class="parallel-switch gen" data-pagefind-ignore="" hidden="">
        <legend>Show</legend>
        <label><input type="radio" name="{$name}" value="original"/> Original</label>
        <xsl:for-each select="$translations">
          <label><input type="radio" name="{$name}" value="{ed:column-key(., position())}"/>
            <xsl:value-of select="' ' || ed:column-label(., 'Translation')"/></label>
        </xsl:for-each>
        <xsl:choose>
          <xsl:when test="$several">
            <xsl:for-each select="$translations">
              <label><input type="radio" name="{$name}" value="original {ed:column-key(., position())}"/>
                <xsl:value-of select="' Original and ' || lower-case(substring(ed:column-label(., 'Translation'), 1, 1))
                                      || substring(ed:column-label(., 'Translation'), 2)"/></label>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <label><input type="radio" name="{$name}" value="all" checked=""/> Both</label>
          </xsl:otherwise>
        </xsl:choose>
      </fieldset>
      <div class="parallel-grid" style="--columns: {count($translations) + 1}">
        <xsl:apply-templates select="." mode="parallel-column">
          <xsl:with-param name="side" select="'original'"/>
          <xsl:with-param name="label" select="ed:column-label(., 'Original')"/>
          <xsl:with-param name="rows" select="ed:parallel-blocks(.) ! (position() + 1)"/>
          <xsl:with-param name="column" select="1"/>
        </xsl:apply-templates>
        <xsl:variable name="original-blocks" select="ed:parallel-blocks(.)"/>
        <!-- What stands between the original and its translation (familyletters: the envelope, after
             the Spanish letter, before the English) follows the original, across the grid: the
             page keeps the TEI's order. -->
        <xsl:variable name="between" select="ed:siblings-between(., $translations[last()])[ed:is-between(.)]"/>
        <xsl:if test="exists($between)">
          <div class="parallel-cell parallel-between" style="--row: {count($original-blocks) + 2}; --column: 1 / -1">
            <xsl:apply-templates select="$between"><xsl:with-param name="ed:between" select="true()" tunnel="yes"/></xsl:apply-templates>
          </div>
        </xsl:if>
        <xsl:for-each select="$translations">
          <xsl:apply-templates select="." mode="parallel-column">
            <xsl:with-param name="side" select="ed:column-key(., position())"/>
            <xsl:with-param name="label" select="ed:column-label(., 'Translation')"/>
            <xsl:with-param name="rows" select="ed:rows(ed:parallel-blocks(.), $original-blocks)"/>
            <xsl:with-param name="column" select="position() + 1"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </div>
    </div>
  </xsl:template>

  <xsl:template match="(tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:text)
                       [contains(@type, 'translation') or @xml:lang][ed:is-translation(.)][ed:original-of(.)]" priority="2"/>

  <!-- Between an original and its translation (ed:between: rendered by the original, not here). The
       siblings between an original and its last translation are filed once (ed:spanned): asked of
       every element, a search of the siblings took time quadratic in their number (20,000
       paragraphs of one div: 57 s), cubic for the originals' own search (500 pairs: 125 s). -->
  <xsl:key name="ed:spanned" match="*[ed:is-translation(.)]"
           use="ed:original-of(.)[current() is ed:translations-of(.)[last()]] ! ed:siblings-between(., current()) ! generate-id(.)"/>

  <xsl:function name="ed:is-between" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists(key('ed:spanned', generate-id($e), root($e))) and not(ed:is-translation($e))"/>
  </xsl:function>

  <!-- The siblings after $first and before $last, read no further than $last. -->
  <xsl:function name="ed:siblings-between" as="element()*">
    <xsl:param name="first" as="element()"/>
    <xsl:param name="last" as="element()"/>
    <xsl:if test="$first &lt;&lt; $last">
      <xsl:iterate select="$first/following-sibling::*">
        <xsl:choose>
          <xsl:when test=". is $last"><xsl:break/></xsl:when>
          <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:if>
  </xsl:function>

  <xsl:template match="tei:*[$ed:has-translations][ed:is-between(.)]" priority="6">
    <xsl:param name="ed:between" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:if test="$ed:between">
      <xsl:next-match><xsl:with-param name="ed:between" select="false()" tunnel="yes"/></xsl:next-match>
    </xsl:if>
  </xsl:template>

  <!-- One column: the division itself (its id, class and language kept), its blocks as cells. -->
  <xsl:template match="*" mode="parallel-column">
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="rows" as="xs:integer*"/>
    <xsl:param name="column" as="xs:integer"/>
    <xsl:variable name="blocks" select="ed:parallel-blocks(.)"/>
    <section class="parallel-column tei-{local-name()}{@type ! (' type-' || replace(., '\s+', '-'))}"
             data-side="{$side}" style="--column: {$column}">
      <xsl:call-template name="id"/>
      <p class="parallel-label gen" lang="en" dir="ltr" style="--row: 1"><xsl:value-of select="$label"/></p>
      <xsl:for-each-group select="1 to count($blocks)" group-by="let $i := . return $rows[$i]">
        <div class="parallel-cell" style="--row: {current-grouping-key()}">
          <xsl:apply-templates select="$blocks[position() = current-group()]"/>
        </div>
      </xsl:for-each-group>
    </section>
  </xsl:template>

  <!-- Each block's row: that of the original block its @corresp points at (an unpointing block
       goes with the block before it); by position when no block of the translation points, the
       blocks beyond the original's last beside that last one (IOSPE: one ab of verse, translated
       in two paragraphs). -->
  <xsl:function name="ed:rows" as="xs:integer*">
    <xsl:param name="blocks" as="node()*"/>
    <xsl:param name="original" as="node()*"/>
    <xsl:variable name="ids" select="$original ! string(@xml:id)"/>
    <xsl:variable name="pointed" as="xs:integer*" select="for $b in $blocks return
        ((for $t in tokenize($b/@corresp)[starts-with(., '#') and string-length(.) gt 1]
          return index-of($ids, substring($t, 2))), 0)[1]"/>
    <xsl:sequence select="if (empty($pointed[. gt 0])) then (1 to count($blocks)) ! (min((., max((count($original), 1)))) + 1)
        else for $i in 1 to count($blocks) return
          (let $before := $pointed[position() le $i][. gt 0] return if (exists($before)) then $before[last()] else 1) + 1"/>
  </xsl:function>

  <!-- The switch's value for a column: its language, else its place. -->
  <xsl:key name="ed:translations-in-language" match="*[ed:is-translation(.)]" use="generate-id(..) || ' ' || ed:lang(@xml:lang)"/>

  <xsl:function name="ed:column-key" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:variable name="lang" select="ed:lang($text/@xml:lang)"/>
    <xsl:sequence select="if ($lang != '' and count(key('ed:translations-in-language', generate-id($text/..) || ' ' || $lang,
                                                       root($text))) = 1) then $lang
                          else 'translation-' || $position"/>
  </xsl:function>

  <xsl:function name="ed:column-label" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="lang" select="ed:lang($text/@xml:lang)"/>
    <xsl:sequence select="$kind || ($lang[. != ''] ! (' (' || ($ed:language-names(.), .)[1] || ')'))"/>
  </xsl:function>
</xsl:stylesheet>
