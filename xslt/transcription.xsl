<?xml version="1.0" encoding="UTF-8"?>
<!--
  The witness as it stands, and the text as the editor establishes it: alterations
  (add, del, subst, mod, restore, retrace, metamark, handShift, addSpan, delSpan),
  unclear, damage, surplus, secl, space, choice (sic/corr, abbr/expan, orig/reg, am/ex),
  and the breaks (lb, pb, cb, milestone, fw). Each follows its rule in
  edition/tei/views.py; the view classes are explained in functions.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <!-- ============ Alterations ============ -->

  <!-- A deletion: struck through in the diplomatic view, left out of the reading view. -->
  <!-- A deletion cancelled (restore) is the text again: in both views, still struck in the diplomatic one. -->
  <xsl:template match="tei:del">
    <del class="tei-del{if (parent::tei:restore) then '' else ' v-diplomatic-only'}{@rend ! (' rend-' || replace(normalize-space(.), '\s+', ' rend-'))}">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain"><xsl:with-param name="what" select="'Deleted'"/></xsl:call-template>
      <xsl:apply-templates/>
    </del>
  </xsl:template>

  <!-- An addition: in both views; raised, lowered or marked by its @place in the diplomatic one. -->
  <xsl:template match="tei:add">
    <xsl:variable name="place" select="ed:place-classes(@place)"/>
    <ins class="tei-add{$place}">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain"><xsl:with-param name="what" select="'Added'"/></xsl:call-template>
      <xsl:call-template name="ed:signs">
        <xsl:with-param name="signs" select="if ($place = '' or $place = ' place-inline') then ('\', '/') else ()"/>
        <xsl:with-param name="view-class" select="' v-diplomatic-only'"/>
      </xsl:call-template>
    </ins>
  </xsl:template>

  <!-- place="above margin-left" → " place-above place-margin" (the TEI's values vary: superlinear,
       supralinear, margin right, marginLeft, top…). -->
  <xsl:function name="ed:place-classes" as="xs:string">
    <xsl:param name="place" as="attribute()?"/>
    <xsl:sequence select="string-join(distinct-values(
        for $p in tokenize(lower-case(normalize-space($place)), '[\s_]+')
        return if (matches($p, '^(above|over|top|sup(er|ra)linear|interlinear)')) then ' place-above'
          else if (matches($p, '^(below|under|bottom|sublinear|infralinear)')) then ' place-below'
          else if (starts-with($p, 'margin') or $p = ('left', 'right', 'opposite', 'overleaf')) then ' place-margin'
          else if ($p = ('inline', 'inspace', 'in-line')) then ' place-inline'
          else ()), '')"/>
  </xsl:function>

  <!-- In the diplomatic view the struck and the added word stay two words. -->
  <xsl:template match="tei:subst">
    <span class="tei-subst">
      <xsl:call-template name="id"/>
      <xsl:for-each select="node()">
        <xsl:if test="self::tei:add and preceding-sibling::*[1][self::tei:del]"><span class="gen v-diplomatic-only subst-gap"><xsl:text> </xsl:text></span></xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Signs the stylesheet sets around a mark's words (gen: not the TEI's words), as text rather
       than CSS content so the tooltip (::after) never takes their place. -->
  <xsl:template name="ed:signs">
    <xsl:param name="signs" as="xs:string*"/>
    <xsl:param name="view-class" as="xs:string" select="''"/>
    <xsl:if test="$signs[1] != ''"><span class="gen sign{$view-class}" aria-hidden="true"><xsl:value-of select="$signs[1]"/></span></xsl:if>
    <xsl:apply-templates/>
    <xsl:if test="$signs[2] != ''"><span class="gen sign{$view-class}" aria-hidden="true"><xsl:value-of select="$signs[2]"/></span></xsl:if>
  </xsl:template>

  <xsl:template match="tei:mod | tei:restore | tei:retrace | tei:unclear | tei:damage | tei:secl">
    <xsl:variable name="what" select="map { 'mod': 'Modified', 'restore': 'Restored (a deletion cancelled)',
        'retrace': 'Retraced', 'unclear': 'Unclear', 'damage': 'Damaged', 'secl': 'Secluded: held inauthentic by the editor' }"/>
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain"><xsl:with-param name="what" select="$what(local-name())"/></xsl:call-template>
      <xsl:call-template name="ed:signs">
        <xsl:with-param name="signs" select="if (self::tei:secl) then ('⟦', '⟧') else if (self::tei:unclear) then ('', '?') else ()"/>
        <xsl:with-param name="view-class" select="if (self::tei:unclear) then ' v-diplomatic-only' else ''"/>
      </xsl:call-template>
    </xsl:element>
  </xsl:template>

  <!-- Surplus: bracketed in the diplomatic view; the reading view leaves it out. -->
  <xsl:template match="tei:surplus">
    <span class="tei-surplus v-diplomatic-only">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain"><xsl:with-param name="what" select="'Surplus: in the source, not part of the text'"/></xsl:call-template>
      <xsl:call-template name="ed:signs"><xsl:with-param name="signs" select="('{', '}')"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- A metamark (a transposition sign, an insertion mark): its description in the margin of the
       diplomatic view. -->
  <xsl:template match="tei:metamark">
    <span class="tei-metamark v-diplomatic-only">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="'Metamark' || (@function ! (': ' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:handShift">
    <span class="tei-handShift gen">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain"><xsl:with-param name="what" select="'The hand changes'"/></xsl:call-template>
      <xsl:text>✎</xsl:text>
    </span>
  </xsl:template>

  <!-- addSpan, delSpan, damageSpan: a sign where the span starts; the text up to the anchor named
       by @spanTo is marked by the text() rule below. -->
  <xsl:template match="tei:addSpan | tei:delSpan | tei:damageSpan">
    <span class="tei-{local-name()} gen{if (self::tei:delSpan) then ' v-diplomatic-only' else ''}">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="map { 'addSpan': 'An addition starts here', 'delSpan': 'A deletion starts here',
                                                  'damageSpan': 'Damage starts here' }(local-name())"/>
      </xsl:call-template>
      <xsl:value-of select="if (self::tei:delSpan) then '⟦' else '⸢'"/>
    </span>
  </xsl:template>

  <!-- The spans whose range holds a node: after the span's start, before its anchor. -->
  <xsl:variable name="ed:spans" select="//tei:text//(tei:addSpan | tei:delSpan | tei:damageSpan)[@spanTo]"/>
  <xsl:function name="ed:covering-spans" as="element()*">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$ed:spans[. &lt;&lt; $node]
        [let $end := key('by-xml-id', substring-after(@spanTo, '#'), root($node))[1] return $end and $end >> $node]"/>
  </xsl:function>

  <xsl:template match="text()[exists($ed:spans)][normalize-space()][ancestor::tei:text]" priority="1">
    <xsl:variable name="spans" select="ed:covering-spans(.)"/>
    <xsl:choose>
      <xsl:when test="empty($spans)"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if ($spans[self::tei:delSpan]) then 'del' else if ($spans[self::tei:addSpan]) then 'ins' else 'span'}">
          <xsl:attribute name="class" select="string-join(('in-span', $spans ! ('in-' || local-name()),
              if ($spans[self::tei:delSpan]) then 'v-diplomatic-only' else ()), ' ')"/>
          <xsl:attribute name="title" select="string-join($spans ! ed:explanation(., map { 'addSpan': 'Added',
              'delSpan': 'Deleted', 'damageSpan': 'Damaged' }(local-name())), ' | ')"/>
          <xsl:next-match/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The end of a span: its anchor. -->
  <xsl:template match="tei:anchor[@xml:id = $ed:spans/substring-after(@spanTo, '#')]" priority="1">
    <span class="tei-anchor span-end gen{if ($ed:spans[substring-after(@spanTo, '#') = current()/@xml:id][self::tei:delSpan]) then ' v-diplomatic-only' else ''}" aria-hidden="true"><xsl:call-template name="id"/>
      <xsl:value-of select="if ($ed:spans[substring-after(@spanTo, '#') = current()/@xml:id][self::tei:delSpan]) then '⟧' else '⸣'"/>
    </span>
  </xsl:template>

  <!-- ============ Alternatives ============ -->

  <!-- choice: each view shows the first child it keeps (views.py: sic, abbr, orig are the
       diplomatic view's; corr, expan, reg the reading view's; any other child both's). So a
       sic/corr pair shows one form per view, and of two alternatives (two unclear readings, two
       corrections) the first stands in the text. Every form on hover and focus. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="reading" select="*[not(self::tei:sic or self::tei:abbr or self::tei:orig)][1]"/>
    <xsl:variable name="diplomatic" select="*[not(self::tei:corr or self::tei:expan or self::tei:reg)][1]"/>
    <span class="tei-choice">
      <xsl:call-template name="id"/>
      <xsl:attribute name="title" select="string-join(* ! (local-name() || ': ' || normalize-space(.)), ' | ')"/>
      <xsl:if test="not(ed:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if>
      <xsl:for-each select="*[. is $reading or . is $diplomatic]">
        <span class="{string-join(('tei-' || local-name(),
            if (not(. is $reading)) then 'v-diplomatic-only' else if (not(. is $diplomatic)) then 'v-reading-only' else ()), ' ')}">
          <xsl:call-template name="id"/>
          <xsl:apply-templates/>
        </span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Outside a choice, sic, corr, abbr, expan, orig and reg are the text, marked. -->
  <xsl:template match="tei:sic | tei:corr | tei:abbr | tei:expan | tei:orig | tei:reg">
    <span class="tei-{local-name()}">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="map { 'sic': 'So in the source', 'corr': 'Corrected by the editor',
            'abbr': 'Abbreviation', 'expan': 'Expansion', 'orig': 'Original spelling', 'reg': 'Regularised' }(local-name())"/>
      </xsl:call-template>
      <xsl:apply-templates/>
      <xsl:if test="self::tei:sic"><span class="gen sign v-diplomatic-only" aria-hidden="true"> (sic)</span></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:am">
    <span class="tei-am v-diplomatic-only"><xsl:call-template name="id"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:ex">
    <span class="tei-ex v-reading-only"><xsl:call-template name="id"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ============ Breaks ============ -->

  <!-- A line break: a new line and its @n in the diplomatic view; in the reading view a space, or
       nothing where the break falls inside a word (ed:joins). -->
  <xsl:template match="tei:lb">
    <xsl:variable name="joins" select="ed:joins(.)"/>
    <xsl:if test="not($joins)"><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="$joins and ed:line-end-mark(.) = ''"><span class="gen v-diplomatic-only lb-hyphen" aria-hidden="true">-</span></xsl:if>
    <!-- A break that opens its paragraph or line starts no new line. -->
    <xsl:if test="exists(preceding-sibling::node()[self::* or normalize-space()]) or not(ed:is-block(..))">
      <br class="tei-lb v-diplomatic-only"><xsl:call-template name="id"/></br>
    </xsl:if>
    <xsl:if test="@xml:id and not(exists(preceding-sibling::node()[self::* or normalize-space()]) or not(ed:is-block(..)))">
      <span class="tei-lb"><xsl:call-template name="id"/></span>
    </xsl:if>
    <xsl:if test="@n and not(ancestor::tei:l)">
      <!-- Not indexed for search: a hit's words would read "This grief 1.2.184 is crowned". -->
      <span class="gen v-diplomatic-only lb-n" aria-hidden="true" data-pagefind-ignore=""><xsl:value-of select="@n"/><xsl:text> </xsl:text></span>
    </xsl:if>
  </xsl:template>

  <!-- The encoder says the break falls inside a word. -->
  <xsl:function name="ed:joins-by-attribute" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="$break/@break = ('no', 'false', 'n') or $break/@type = 'inWord'"/>
  </xsl:function>

  <!-- The mark ending the line before a break, when a letter precedes it: ¬ and ⸗ always break a
       word; "-" does when a letter follows the break (DTA's "Ver-<lb/>zichts"). Empty otherwise. -->
  <xsl:function name="ed:line-end-mark" as="xs:string">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="before" select="string($break/preceding-sibling::node()[1][self::text()])"/>
    <xsl:sequence select="if (matches($before, '\p{L}[\-¬⸗][\s\p{Z}]*$', 's')) then replace($before, '^.*([\-¬⸗])[\s\p{Z}]*$', '$1', 's') else ''"/>
  </xsl:function>

  <xsl:function name="ed:next-letter" as="xs:string">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="substring(replace(string($break/following-sibling::node()[1][self::text()]), '^[\s\p{Z}]+', ''), 1, 1)"/>
  </xsl:function>

  <!-- The break falls inside a word: the reading view joins the two halves (tei/viewtext.py's rule). -->
  <xsl:function name="ed:joins" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="mark" select="ed:line-end-mark($break)"/>
    <xsl:sequence select="ed:joins-by-attribute($break)
        or $mark = ('¬', '⸗') or ($mark = '-' and matches(ed:next-letter($break), '^\p{L}$'))"/>
  </xsl:function>

  <!-- The line-end mark is the line's, not the word's — except a hyphen before a capital, which is
       a real one ("Goethe-<lb/>Schiller"). -->
  <xsl:function name="ed:mark-is-the-lines" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="mark" select="ed:line-end-mark($break)"/>
    <xsl:sequence select="$mark = ('¬', '⸗') or ($mark = '-' and not(matches(ed:next-letter($break), '^\p{Lu}$')))"/>
  </xsl:function>

  <!-- The breaks that fall inside a word, found once: the two patterns below are tried on every text
       node, and most documents have none (a play's text nodes took a quarter of its transform). -->
  <xsl:variable name="ed:joining-breaks" select="//(tei:lb | tei:pb | tei:cb | tei:milestone)[ed:joins(.)]"/>

  <!-- Around a break inside a word the whitespace of the source's layout is not a word boundary. -->
  <xsl:template match="text()[exists($ed:joining-breaks)][following-sibling::node()[1][self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone][ed:joins(.)]]">
    <xsl:variable name="break" select="following-sibling::node()[1]"/>
    <xsl:variable name="text" select="if (preceding-sibling::node()[1][self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone][ed:joins(.)])
                                      then replace(., '^[\s\p{Z}]+', '') else string(.)"/>
    <xsl:variable name="trimmed" select="replace($text, '[\s\p{Z}]+$', '')"/>
    <xsl:choose>
      <xsl:when test="ed:mark-is-the-lines($break)">
        <xsl:value-of select="substring($trimmed, 1, string-length($trimmed) - 1)"/>
        <span class="v-diplomatic-only lb-hyphen"><xsl:value-of select="substring($trimmed, string-length($trimmed))"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$trimmed"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="text()[exists($ed:joining-breaks)][preceding-sibling::node()[1][self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone][ed:joins(.)]]" priority="-0.1">
    <xsl:value-of select="replace(., '^[\s\p{Z}]+', '')"/>
  </xsl:template>

  <!-- Page, column and milestone numbers stand beside the word they fall in: they end a word in the
       diplomatic view unless the encoder says the word goes on; in the reading view a broken word
       is joined as at a line break. -->
  <xsl:template name="ed:space-beside-break">
    <xsl:choose>
      <xsl:when test="ed:joins-by-attribute(.)"/>
      <xsl:when test="ed:joins(.)"><span class="gen v-diplomatic-only"><xsl:text> </xsl:text></span></xsl:when>
      <xsl:otherwise><xsl:text> </xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A page break: its number, discreetly, in both views. Where it has @facs, data-facs carries its
       first pointer (and data-n its number): the build (edition/site/images.py, by the rule of
       edition/tei/facsimile.py) makes the number a link to the page's image and the image the page
       shows beside the text, or leaves it a number where there is no image to show. -->
  <xsl:template match="tei:pb">
    <xsl:call-template name="ed:space-beside-break"/>
    <span class="tei-pb gen">
      <xsl:if test="normalize-space(@facs)">
        <xsl:attribute name="data-facs" select="tokenize(normalize-space(@facs), ' ')[1]"/>
        <xsl:if test="normalize-space(@n)"><xsl:attribute name="data-n" select="normalize-space(@n)"/></xsl:if>
      </xsl:if>
      <xsl:call-template name="id"/>
      <xsl:attribute name="title" select="if (@n) then 'Page ' || @n else 'Page break'"/>
      <xsl:value-of select="if (@n) then 'p. ' || @n else '‖'"/>
    </span>
    <xsl:call-template name="ed:space-beside-break"/>
  </xsl:template>

  <xsl:template match="tei:cb">
    <xsl:call-template name="ed:space-beside-break"/>
    <span class="tei-cb gen v-diplomatic-only">
      <xsl:call-template name="id"/>
      <xsl:attribute name="title" select="if (@n) then 'Column ' || @n else 'Column break'"/>
      <xsl:value-of select="if (@n) then 'col. ' || @n else '¦'"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:milestone">
    <xsl:call-template name="ed:space-beside-break"/>
    <span class="tei-milestone gen">
      <xsl:call-template name="id"/>
      <xsl:attribute name="title" select="string-join((@unit, @n), ' ')"/>
      <xsl:value-of select="if (@n) then @n else if (@unit) then '§' else '·'"/>
    </span>
  </xsl:template>

  <!-- Running heads, catchwords, signatures: in the margin of the diplomatic view. -->
  <xsl:template match="tei:fw">
    <span class="tei-fw v-diplomatic-only v-apart{@type ! (' fw-' || .)}">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="(map { 'header': 'Running head', 'head': 'Running head',
            'catch': 'Catchword', 'catchword': 'Catchword', 'sig': 'Signature', 'pageNum': 'Page number',
            'pageNo': 'Page number' }(string(@type)), 'Forme work')[1]"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A space left in the source: a visible blank, never gluing its neighbours. -->
  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
    <span class="tei-space gen">
      <xsl:call-template name="id"/>
      <xsl:call-template name="ed:explain">
        <xsl:with-param name="what" select="'A space in the source' ||
            (if (@quantity and @unit) then ' of ' || ed:count(number(@quantity), @unit) else if (@extent) then ' (' || @extent || ')' else '')"/>
      </xsl:call-template>
      <xsl:text>&#x2003;</xsl:text>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>
</xsl:stylesheet>
