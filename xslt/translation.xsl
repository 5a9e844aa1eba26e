<?xml version="1.0" encoding="UTF-8"?>
<!--
  A translation beside its original, in the same file (docs/website.md, "Translations").

  A translation is a div or text with @type="translation" (the EpiDoc convention). Its original
  is the sibling its @corresp points at, or that points at it; else the first sibling
  div/text with @type="edition"; else the first sibling div/text in another language that is
  neither a translation nor commentary. The original is laid out with its translations as a
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

  <xsl:function name="ed:is-translation" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/self::tei:div or $e/self::tei:text) and tokenize($e/@type) = 'translation'"/>
  </xsl:function>

  <!-- The original a translation renders beside; empty when it has none among its siblings. -->
  <xsl:function name="ed:original-of" as="element()?">
    <xsl:param name="translation" as="element()"/>
    <xsl:variable name="siblings" select="$translation/../(tei:div | tei:text)[not(ed:is-translation(.))]"/>
    <xsl:variable name="pointed" select="$siblings[@xml:id and concat('#', @xml:id) = tokenize($translation/@corresp)]
        | $siblings[$translation/@xml:id and tokenize(@corresp) = concat('#', $translation/@xml:id)]"/>
    <xsl:variable name="lang" select="string($translation/@xml:lang)"/>
    <xsl:sequence select="($pointed, $siblings[tokenize(@type) = 'edition'],
        $siblings[@xml:lang and string(@xml:lang) != $lang and not(tokenize(@type) = ('commentary', 'bibliography',
        'apparatus', 'notes'))])[1]"/>
  </xsl:function>

  <xsl:function name="ed:translations-of" as="element()*">
    <xsl:param name="original" as="element()"/>
    <xsl:sequence select="$original/../(tei:div | tei:text)[ed:is-translation(.)][ed:original-of(.) is $original]"/>
  </xsl:function>

  <!-- The blocks of a text in the grid: its children, less the whitespace between them. -->
  <xsl:function name="ed:parallel-blocks" as="node()*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text/node()[not(self::text()[not(normalize-space())] or self::comment()
        or self::processing-instruction())]"/>
  </xsl:function>

  <!-- The original with its translations (a translation itself is rendered there, not in place). -->
  <xsl:template match="tei:div[ed:translations-of(.)] | tei:text[ed:translations-of(.)]" priority="2">
    <xsl:variable name="translations" select="ed:translations-of(.)"/>
    <xsl:variable name="name" select="'show-' || (@xml:id, generate-id())[1]"/>
    <div class="parallel-text" data-parallel="">
      <fieldset class="parallel-switch gen" data-pagefind-ignore="" hidden="">
        <legend>Show</legend>
        <label><input type="radio" name="{$name}" value="original"/> Original</label>
        <xsl:for-each select="$translations">
          <label><input type="radio" name="{$name}" value="{ed:column-key(., position())}"/>
            <xsl:value-of select="' ' || ed:column-label(., 'Translation')"/></label>
        </xsl:for-each>
        <label><input type="radio" name="{$name}" value="all" checked=""/>
          <xsl:value-of select="if (count($translations) = 1) then ' Both' else ' All'"/></label>
      </fieldset>
      <div class="parallel-grid" style="--columns: {count($translations) + 1}">
        <xsl:apply-templates select="." mode="parallel-column">
          <xsl:with-param name="side" select="'original'"/>
          <xsl:with-param name="label" select="ed:column-label(., 'Original')"/>
          <xsl:with-param name="rows" select="ed:parallel-blocks(.) ! (position() + 1)"/>
          <xsl:with-param name="column" select="1"/>
        </xsl:apply-templates>
        <xsl:variable name="original-blocks" select="ed:parallel-blocks(.)"/>
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

  <xsl:template match="tei:div[ed:is-translation(.)][ed:original-of(.)] | tei:text[ed:is-translation(.)][ed:original-of(.)]"
                priority="2"/>

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
       goes with the block before it); by position when no block of the translation points. -->
  <xsl:function name="ed:rows" as="xs:integer*">
    <xsl:param name="blocks" as="node()*"/>
    <xsl:param name="original" as="node()*"/>
    <xsl:variable name="ids" select="$original ! string(@xml:id)"/>
    <xsl:variable name="pointed" as="xs:integer*" select="for $b in $blocks return
        ((for $t in tokenize($b/@corresp)[starts-with(., '#') and string-length(.) gt 1]
          return index-of($ids, substring($t, 2))), 0)[1]"/>
    <xsl:sequence select="if (empty($pointed[. gt 0])) then (1 to count($blocks)) ! (. + 1)
        else for $i in 1 to count($blocks) return
          (let $before := $pointed[position() le $i][. gt 0] return if (exists($before)) then $before[last()] else 1) + 1"/>
  </xsl:function>

  <!-- The switch's value for a column: its language, else its place. -->
  <xsl:function name="ed:column-key" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:variable name="lang" select="ed:lang($text/@xml:lang)"/>
    <xsl:sequence select="if ($lang != '' and count($text/../*[ed:is-translation(.)][ed:lang(@xml:lang) = $lang]) = 1) then $lang
                          else 'translation-' || $position"/>
  </xsl:function>

  <xsl:function name="ed:column-label" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="lang" select="ed:lang($text/@xml:lang)"/>
    <xsl:sequence select="$kind || ($lang[. != ''] ! (' (' || ($ed:language-names(.), .)[1] || ')'))"/>
  </xsl:function>
</xsl:stylesheet>
