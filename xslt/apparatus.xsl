<?xml version="1.0" encoding="UTF-8"?>
<!--
  The critical apparatus (docs/rendering.md, "Apparatus and witnesses").

  In the text an app shows its lemma (a lem, also one inside an rdgGrp; in an app without lem
  and without @loc, the first rdg), then a small numbered marker linking to its entry. Every
  reading is also in the text as a hidden span classed by the witnesses that read it (wit-1,
  wit-2 …, by $ed:witnesses), so the witness switch shows the text as one witness reads it
  with CSS alone. The apparatus below the text has one entry per app, in the classic form
  "¶3 lemma Pa] reading Pb Va; om. Ma", linked back to the marker.

  A stand-off app (in a listApp, wherever it is) is shown only in the apparatus; its marker
  stands after the element its @to (or @from) points to, or after the line break whose @n is
  its @loc. A location-referenced app in the text (@loc, no lem) has no lemma: its readings
  are apparatus only.

  Every element is rendered once with its ids: the lemma in the text, the readings and the
  apparatus notes in the apparatus. The hidden copies (a reading in the text, the lemma
  repeated in its entry) carry none: the tunnel parameter ed:copy says so to the id template.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <!-- ============ Which apps, in which order, with which ids ============ -->

  <!-- Every apparatus entry, in document order: apps in the text (nested ones too) and stand-off ones. -->
  <xsl:variable name="ed:apps" select="/tei:TEI/(tei:text, tei:standOff)//tei:app"/>
  <xsl:variable name="ed:app-numbers" as="map(xs:string, xs:integer)"
                select="map:merge(for $i in 1 to count($ed:apps) return map { generate-id($ed:apps[$i]) : $i })"/>

  <xsl:function name="ed:app-number" as="xs:integer">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="$ed:app-numbers(generate-id($app))"/>
  </xsl:function>

  <!-- The part of the entry's HTML id after "app-" (and of its marker's, after "appref-"): the app's
       xml:id, else its number, lengthened until it is no xml:id of the document (docs/anchors.md)
       nor another app's key (an app with xml:id "n1" beside the first app without one). -->
  <xsl:function name="ed:app-key" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if ($app/@xml:id) then string($app/@xml:id)
                          else ed:free-key($app, 'n' || ed:app-number($app))"/>
  </xsl:function>
  <xsl:function name="ed:free-key" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="if (exists(key('by-xml-id', 'app-' || $key, root($context)))
                              or exists(key('by-xml-id', 'appref-' || $key, root($context)))
                              or exists(key('by-xml-id', $key, root($context))[self::tei:app]))
                          then ed:free-key($context, $key || '-') else $key"/>
  </xsl:function>

  <xsl:function name="ed:is-standoff-app" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="exists($app/ancestor::tei:listApp)"/>
  </xsl:function>

  <!-- The reading that stands in the text: the lem (inside an rdgGrp too), else the first rdg
       unless the app is location-referenced (@loc) or stand-off. -->
  <xsl:function name="ed:lemma" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="(($app//tei:lem)[ancestor::tei:app[1] is $app],
                           $app/tei:rdg[not($app/@loc) and not(ed:is-standoff-app($app))])[1]"/>
  </xsl:function>

  <!-- True when an app's lemma is part of the text a reader sees (not inside another app's reading). -->
  <xsl:function name="ed:app-in-text" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="holder" select="$app/ancestor::*[self::tei:lem or self::tei:rdg or self::tei:witDetail
                                                         or self::tei:app or self::tei:note][1]"/>
    <xsl:sequence select="not(ed:is-standoff-app($app))
                          and (empty($holder) or ($holder[self::tei:lem or self::tei:rdg] and ed:in-text($holder)))"/>
  </xsl:function>
  <xsl:function name="ed:in-text" as="xs:boolean">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="app" select="$reading/ancestor::tei:app[1]"/>
    <xsl:sequence select="ed:lemma($app) is $reading and ed:app-in-text($app)"/>
  </xsl:function>

  <!-- A note shown in the apparatus: directly in an app, or in a reading that is not in the text. -->
  <xsl:function name="ed:in-apparatus" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="holder" select="$note/ancestor::*[self::tei:lem or self::tei:rdg or self::tei:witDetail
                                                          or self::tei:app][1]"/>
    <xsl:sequence select="exists($holder) and not($holder[self::tei:lem or self::tei:rdg] and ed:in-text($holder))"/>
  </xsl:function>

  <!-- The app whose marker a reader finds in the text for this app (itself, or the app whose
       reading holds it), or nothing for a stand-off app whose place is not found. -->
  <xsl:function name="ed:shown-app" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="outer" select="$app/ancestor::tei:app[1]"/>
    <xsl:sequence select="if (ed:is-standoff-app($app)) then $app[exists(ed:standoff-place(.))]
                          else if (ed:app-in-text($app) or empty($outer)) then $app
                          else ed:shown-app($outer)"/>
  </xsl:function>

  <!-- The HTML id an entry leads back to: its marker's; in a link, which holds no marker, the lemma's. -->
  <xsl:function name="ed:back-target" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if (not(ed:is-standoff-app($app)) and ed:in-link($app) and $app/@xml:id) then string($app/@xml:id)
                          else 'appref-' || ed:app-key($app)"/>
  </xsl:function>

  <!-- ============ Witnesses ============ -->

  <xsl:function name="ed:wit-ids" as="xs:string*">
    <xsl:param name="wit" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($wit), ' ')[. != ''] ! replace(., '^#', '')"/>
  </xsl:function>

  <!-- The witnesses the switch offers: those readings name in @wit, in the order of listWit, then
       the undeclared ones in order of appearance. Their place in this list is their class (wit-1 …). -->
  <xsl:variable name="ed:named-witnesses" select="distinct-values($ed:apps//(tei:lem | tei:rdg)/@wit ! ed:wit-ids(.))"/>
  <xsl:variable name="ed:declared-witnesses" as="xs:string*" select="//tei:witness/@xml:id ! string(.)"/>
  <xsl:variable name="ed:witnesses" as="xs:string*" select="
      $ed:declared-witnesses[. = $ed:named-witnesses], $ed:named-witnesses[not(. = $ed:declared-witnesses)]"/>
  <xsl:variable name="ed:witness-classes" as="map(xs:string, xs:string)"
                select="map:merge(for $i in 1 to count($ed:witnesses) return map { $ed:witnesses[$i] : 'wit-' || $i })"/>

  <!-- A witness's siglum: its @n, else its id. -->
  <xsl:function name="ed:siglum" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="(key('by-xml-id', $id, root($context))[self::tei:witness]/@n[normalize-space()] ! normalize-space(.), $id)[1]"/>
  </xsl:function>

  <!-- What a siglum stands for: the witness's words without its siglum (a listWit's: its head); the
       rule of edition/tei/witnesses.py, which lists the witnesses in the page's metadata. -->
  <xsl:function name="ed:witness-words" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="target" select="key('by-xml-id', $id, root($context))[1]"/>
    <!-- A manuscript described inside the witness (msDesc) by its identifier: place, library, shelfmark. -->
    <xsl:variable name="words" select="normalize-space(string-join((
        if ($target/self::tei:listWit) then string-join($target/tei:head//text(), '')
        else string-join($target//text()[not(ancestor::tei:abbr[@type = 'siglum'] or ancestor::tei:msDesc)], ''),
        string-join($target/tei:msDesc/tei:msIdentifier/*[normalize-space()] ! normalize-space(.), ', ')), ' '))"/>
    <xsl:sequence select="if ($words = '') then 'Witness ' || $id || ' (not described in the list of witnesses)'
                          else if (string-length($words) gt 300) then substring($words, 1, 299) || '…' else $words"/>
  </xsl:function>

  <!-- A @resp or @source as names: the person, witness or bibl it points to, else the pointer. -->
  <xsl:function name="ed:responsible" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="string-join(for $t in tokenize(normalize-space($value), ' ')[. != '']
        return (let $target := key('by-xml-id', substring-after($t, '#'), root($context))[1],
                    $name := ($target/(tei:persName, tei:name, tei:orgName, tei:title, tei:abbr[@type = 'siglum'])[1],
                              $target/parent::tei:respStmt/(tei:persName, tei:name)[1], $target)[1]
                return if ($target and normalize-space($name)) then normalize-space(substring(string($name), 1, 80))
                       else replace($t, '^#', '')), ', ')"/>
  </xsl:function>

  <!-- ============ In the text ============ -->

  <xsl:template match="tei:app[not(ed:is-standoff-app(.))]">
    <xsl:param name="ed:copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="lemma" select="ed:lemma(.)"/>
    <xsl:variable name="readings" select="(tei:lem | tei:rdg | tei:rdgGrp/(tei:lem | tei:rdg)) except $lemma"/>
    <!-- Negative apparatus: a witness no reading names reads the lemma. -->
    <xsl:variable name="unnamed" select="$ed:witnesses[not(. = $readings/@wit ! ed:wit-ids(.))]"/>
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-app'"/>
      <xsl:if test="not($ed:copy)">
        <xsl:call-template name="id"/>
        <!-- In a link no marker (links do not nest): the entry leads back to the lemma itself. -->
        <xsl:if test="ed:in-link(.) and not(@xml:id)"><xsl:attribute name="id" select="ed:back-target(.)"/></xsl:if>
      </xsl:if>
      <xsl:if test="exists($lemma)">
        <xsl:element name="{if (ed:holds-block($lemma)) then 'div' else 'span'}">
          <xsl:attribute name="class" select="string-join(('app-lem',
              distinct-values((ed:wit-ids($lemma/@wit), $unnamed)) ! $ed:witness-classes(.)), ' ')"/>
          <xsl:apply-templates select="$lemma/node()"/>
        </xsl:element>
      </xsl:if>
      <xsl:if test="exists($ed:witnesses)">
        <xsl:for-each select="$readings[@wit]">
          <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'span'}">
            <xsl:attribute name="class" select="string-join(('app-rdg', ed:wit-ids(@wit) ! $ed:witness-classes(.)), ' ')"/>
            <xsl:apply-templates select="node()"><xsl:with-param name="ed:copy" tunnel="yes" select="true()"/></xsl:apply-templates>
          </xsl:element>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="not(ed:in-link(.))"><xsl:call-template name="ed:app-marker"/></xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template name="ed:app-marker">
    <xsl:param name="app" select="." as="element()"/>
    <xsl:param name="ed:copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="number" select="ed:app-number($app)"/>
    <a class="app-ref gen" href="#app-{ed:app-key($app)}" aria-label="Apparatus entry {$number}">
      <xsl:if test="not($ed:copy)"><xsl:attribute name="id" select="'appref-' || ed:app-key($app)"/></xsl:if>
      <sup><xsl:value-of select="$number"/></sup>
    </a>
  </xsl:template>

  <!-- A stand-off apparatus is shown in the apparatus section, not where it stands. -->
  <xsl:template match="tei:listApp"/>

  <!-- Notes of the apparatus appear in their entry; in a copy, no note at all. -->
  <xsl:template match="tei:note[ancestor::tei:app]" priority="4">
    <xsl:param name="ed:copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:param name="ed:entry" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$ed:copy"/>
      <xsl:when test="$ed:entry or ed:in-apparatus(.)">
        <!-- Spaced from the reading's words: a note is no part of them. -->
        <xsl:text> </xsl:text><span class="tei-note app-note"><xsl:call-template name="id"/><xsl:apply-templates/></span><xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a stand-off app's marker goes: after the element its @to (or @from) names, or after the
       first line break (else verse line) numbered as its @loc. -->
  <xsl:key name="standoff-apps-at" match="tei:app[ancestor::tei:listApp][starts-with(normalize-space((@to, @from)[1]), '#')]"
           use="substring(normalize-space((@to, @from)[1]), 2)"/>
  <xsl:key name="standoff-apps-loc" match="tei:app[ancestor::tei:listApp][@loc][not(@from or @to)]" use="normalize-space(@loc)"/>
  <!-- The readings naming a witness, in document order: its first siglum is the one a keyboard
       stops at (pta has thousands of sigla; the witness list in the metadata explains them all). -->
  <xsl:key name="readings-of-witness" match="(tei:lem | tei:rdg | tei:witDetail)[@wit]" use="ed:wit-ids(@wit)"/>
  <xsl:key name="numbered-lines" match="tei:text//tei:lb[@n] | tei:text//tei:l[@n]" use="normalize-space(@n)"/>

  <xsl:function name="ed:standoff-place" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="pointer" select="normalize-space(($app/@to, $app/@from)[1])"/>
    <xsl:variable name="lines" select="key('numbered-lines', normalize-space($app/@loc), root($app))"/>
    <xsl:variable name="line" select="($lines[self::tei:lb], $lines)[1]"/>
    <xsl:sequence select="if (starts-with($pointer, '#'))
                          then key('by-xml-id', substring($pointer, 2), root($app))[ancestor::tei:text][1]
                          else if ($app/@loc) then (ed:verse-opened-by($line), $line)[1] else ()"/>
  </xsl:function>

  <!-- The verse line a line break opens (IOSPE: <lb n="3"/><l n="2">…): the break's marker goes
       at the end of that line, not alone on a line of its own before the verse (a block). Empty
       when the break falls inside a verse line or words stand between it and the next verse. -->
  <xsl:function name="ed:verse-opened-by" as="element()?">
    <xsl:param name="lb" as="element()?"/>
    <xsl:variable name="verse" select="$lb[self::tei:lb][not(ancestor::tei:l)]/following::tei:l[1]"/>
    <xsl:variable name="next-break" select="$lb/following::tei:lb[1]"/>
    <xsl:variable name="next-words" select="$lb/following::text()[normalize-space()][1]"/>
    <xsl:sequence select="$verse[not(exists($next-break) and $next-break &lt;&lt; $verse)]
                                [not(exists($next-words) and $next-words &lt;&lt; $verse)]"/>
  </xsl:function>
  <xsl:key name="verses-opened" match="tei:lb[@n][exists(key('standoff-apps-loc', normalize-space(@n)))]"
           use="ed:verse-opened-by(.) ! generate-id(.)"/>

  <!-- Whether the document has a stand-off apparatus at all, found once: the template below is
       tried on every element, and most documents have none (a tenth of a play's transform). -->
  <xsl:variable name="ed:has-standoff-apps" as="xs:boolean" select="exists(//tei:listApp//tei:app)"/>

  <xsl:template match="tei:*[$ed:has-standoff-apps][@xml:id][exists(key('standoff-apps-at', string(@xml:id)))]
                       | tei:lb[$ed:has-standoff-apps][@n][exists(key('standoff-apps-loc', normalize-space(@n)))]
                       | tei:l[$ed:has-standoff-apps][@n][exists(key('standoff-apps-loc', normalize-space(@n)))]
                       | tei:l[$ed:has-standoff-apps][exists(key('verses-opened', generate-id(.)))]" priority="5">
    <xsl:param name="ed:copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="here" select="."/>
    <xsl:variable name="markers" as="element()*">
      <xsl:if test="not($ed:copy)">
        <!-- (/. : once each, in document order: a verse and the break opening it may share a number) -->
        <xsl:for-each select="(key('standoff-apps-at', string(@xml:id)), key('standoff-apps-loc', normalize-space(@n)),
                               key('verses-opened', generate-id(.)) ! key('standoff-apps-loc', normalize-space(@n)))/.
                              [ed:standoff-place(.) is $here]">
          <xsl:call-template name="ed:app-marker"/>
        </xsl:for-each>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <!-- A verse line is a block: its markers go inside it, at its end, or they would stand alone. -->
      <xsl:when test="self::tei:l and exists($markers)">
        <xsl:variable name="verse" as="node()*"><xsl:next-match/></xsl:variable>
        <xsl:for-each select="$verse">
          <xsl:choose>
            <xsl:when test=". is $verse[. instance of element()][1]">
              <xsl:copy><xsl:sequence select="@*, node(), $markers"/></xsl:copy>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
        <xsl:sequence select="$markers"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ The witness switch ============ -->

  <xsl:template name="witness-switch">
    <xsl:if test="exists($ed:witnesses) and exists($ed:apps[not(ed:is-standoff-app(.))])">
      <fieldset class="witness-switch" data-pagefind-ignore="">
        <legend>Witness</legend>
        <label>Show the text of
          <select name="wit" class="wit-select">
            <option value="" class="wit-0" selected="">the base text, as the editor establishes it</option>
            <!-- The stylesheet's CSS switches up to 40 witnesses. -->
            <xsl:for-each select="$ed:witnesses[position() le 40]">
              <option value="{.}" class="{$ed:witness-classes(.)}">
                <xsl:variable name="words" select="ed:witness-words($ed:root, .)"/>
                <xsl:value-of select="ed:siglum($ed:root, .) || ' — '
                    || (if (string-length($words) gt 70) then substring($words, 1, 69) || '…' else $words)"/>
              </option>
            </xsl:for-each>
          </select></label>
      </fieldset>
    </xsl:if>
  </xsl:template>
  <xsl:variable name="ed:root" select="/"/>

  <!-- ============ The apparatus below the text ============ -->

  <xsl:template name="apparatus">
    <xsl:if test="exists($ed:apps)">
      <section class="apparatus">
        <h2>Apparatus</h2>
        <ol class="app-entries">
          <xsl:for-each select="$ed:apps">
            <xsl:call-template name="ed:app-entry"/>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:app-entry">
    <xsl:variable name="key" select="ed:app-key(.)"/>
    <xsl:variable name="standoff" select="ed:is-standoff-app(.)"/>
    <xsl:variable name="lemma" select="ed:lemma(.)"/>
    <xsl:variable name="shown" select="ed:shown-app(.)"/>
    <li id="app-{$key}" value="{ed:app-number(.)}" class="app-entry v-apart{@type ! (' app-type-' || replace(normalize-space(.), '\s+', '-'))}">
      <xsl:variable name="location" select="ed:app-location(.)"/>
      <xsl:if test="$location != ''"><span class="app-loc gen"><xsl:value-of select="$location"/></span><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="exists($lemma)">
        <xsl:choose>
          <!-- A stand-off lem is words of the TEI shown nowhere else; any other lemma is repeated here
               (from the text, or from the reading of the entry that holds this app). -->
          <xsl:when test="$standoff"><span class="app-lemma"><xsl:call-template name="ed:reading-words"><xsl:with-param name="reading" select="$lemma"/></xsl:call-template></span></xsl:when>
          <xsl:otherwise>
            <span class="app-lemma gen"><xsl:apply-templates select="$lemma/node()">
              <xsl:with-param name="ed:copy" tunnel="yes" select="true()"/>
              <xsl:with-param name="ed:entry" tunnel="yes" select="true()"/>
            </xsl:apply-templates></span>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="ed:reading-details"><xsl:with-param name="reading" select="$lemma"/></xsl:call-template>
        <span class="gen">]</span><xsl:text> </xsl:text>
      </xsl:if>
      <xsl:for-each select="* except $lemma">
        <xsl:apply-templates select="." mode="ed:entry"/>
      </xsl:for-each>
      <xsl:if test="exists($shown)">
        <xsl:text> </xsl:text>
        <a class="app-back gen" href="#{ed:back-target($shown)}" aria-label="Back to the text of apparatus entry {ed:app-number(.)}">↩</a>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- Where an entry's lemma is: the verse line (its number as the page counts it) or numbered line break it is in, else "¶" and the
       paragraph's number as the page shows it; a stand-off app's @loc as written. -->
  <xsl:function name="ed:app-location" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="place" select="if (ed:is-standoff-app($app)) then ed:standoff-place($app) else $app"/>
    <xsl:sequence select="if (ed:is-standoff-app($app) and $app/@loc) then normalize-space($app/@loc)
                          else if (empty($place)) then '' else ed:place-number($place)"/>
  </xsl:function>
  <xsl:function name="ed:place-number" as="xs:string">
    <xsl:param name="place" as="element()"/>
    <xsl:variable name="block" select="$place/ancestor-or-self::*[self::tei:p or self::tei:ab or self::tei:l
                                       or self::tei:head or self::tei:item or self::tei:div][1]"/>
    <xsl:variable name="line" select="($place/ancestor-or-self::tei:lb[@n],
                                       $block//tei:lb[@n][. &lt;&lt; $place])[last()]"/>
    <xsl:variable name="paragraph" select="$place/ancestor-or-self::tei:p[@xml:id][not(ancestor::tei:note)][1]"/>
    <xsl:sequence select="if ($block/self::tei:l[@n]) then normalize-space($block/@n)
                          else if ($block/self::tei:l[ancestor::tei:text]) then string(ed:line-number($block))
                          else if ($line) then normalize-space($line/@n)
                          else if ($paragraph) then '¶' || $paragraph ! accumulator-before('paragraph-number')
                          else ''"/>
  </xsl:function>

  <!-- A reading in its entry: its words (or "om."), then its sigla, authority, type and cause. -->
  <xsl:template match="tei:rdg | tei:lem" mode="ed:entry">
    <xsl:if test="preceding-sibling::*[self::tei:rdg or self::tei:lem or self::tei:rdgGrp or self::tei:witDetail]
                  [not(. is ed:lemma(current()/ancestor::tei:app[1]))]"><span class="gen">;</span><xsl:text> </xsl:text></xsl:if>
    <span class="app-reading">
      <xsl:call-template name="ed:reading-words"><xsl:with-param name="reading" select="."/></xsl:call-template>
      <xsl:call-template name="ed:reading-details"><xsl:with-param name="reading" select="."/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="tei:rdgGrp" mode="ed:entry">
    <xsl:if test="preceding-sibling::*[self::tei:rdg or self::tei:lem or self::tei:rdgGrp or self::tei:witDetail]
                  [not(. is ed:lemma(current()/ancestor::tei:app[1]))]"><span class="gen">;</span><xsl:text> </xsl:text></xsl:if>
    <span class="app-group{@type ! (' app-group-' || replace(normalize-space(.), '\s+', '-'))}">
      <xsl:call-template name="id"/>
      <xsl:for-each select="* except ed:lemma(ancestor::tei:app[1])">
        <xsl:apply-templates select="." mode="ed:entry"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="tei:witDetail" mode="ed:entry">
    <span class="app-witdetail">
      <xsl:text> </xsl:text><span class="gen">(</span>
      <xsl:call-template name="ed:sigla"><xsl:with-param name="leading-space" select="false()"/></xsl:call-template>
      <xsl:if test="@wit"><span class="gen">:</span><xsl:text> </xsl:text></xsl:if>
      <xsl:call-template name="id"/>
      <xsl:apply-templates><xsl:with-param name="ed:entry" tunnel="yes" select="true()"/></xsl:apply-templates>
      <span class="gen">)</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:note" mode="ed:entry">
    <xsl:text> </xsl:text>
    <xsl:apply-templates select="."><xsl:with-param name="ed:entry" tunnel="yes" select="true()"/></xsl:apply-templates>
  </xsl:template>

  <!-- Anything else an app holds (witStart, a gap …): as the text has it. -->
  <xsl:template match="*" mode="ed:entry">
    <xsl:apply-templates select="."><xsl:with-param name="ed:entry" tunnel="yes" select="true()"/></xsl:apply-templates>
  </xsl:template>

  <xsl:template name="ed:reading-words">
    <xsl:param name="reading" as="element()"/>
    <span>
      <xsl:for-each select="$reading"><xsl:call-template name="id"/></xsl:for-each>
      <xsl:choose>
        <xsl:when test="normalize-space($reading) = '' and empty($reading/*[not(self::tei:witStart or self::tei:witEnd
                        or self::tei:lacunaStart or self::tei:lacunaEnd)])">
          <i class="app-om gen"><xsl:value-of select="if ($reading/self::tei:lem) then 'del.' else 'om.'"/></i>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$reading/node()"><xsl:with-param name="ed:entry" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template name="ed:reading-details">
    <xsl:param name="reading" as="element()"/>
    <xsl:for-each select="$reading">
      <xsl:if test="@wit">
        <span class="app-sigla"><xsl:call-template name="ed:sigla"/></span>
      </xsl:if>
      <xsl:if test="@resp or @source">
        <xsl:text> </xsl:text><span class="app-resp gen"><xsl:value-of select="ed:responsible(., string-join((@resp, @source), ' '))"/></span>
      </xsl:if>
      <xsl:variable name="kinds" select="(@type[not(. = 'omission' and normalize-space(..) = '')], @cause) ! replace(normalize-space(.), '[-_]', ' ')"/>
      <xsl:if test="exists($kinds)">
        <xsl:text> </xsl:text><i class="app-kind gen"><xsl:value-of select="'(' || string-join($kinds, ', ') || ')'"/></i>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The witnesses of the context reading, each siglum explained on hover (and on focus, the first time it occurs). -->
  <xsl:template name="ed:sigla">
    <xsl:param name="leading-space" as="xs:boolean" select="true()"/>
    <xsl:variable name="context" select="."/>
    <xsl:for-each select="ed:wit-ids(@wit)">
      <xsl:if test="$leading-space or position() > 1"><xsl:text> </xsl:text></xsl:if>
      <abbr class="app-siglum gen" title="{ed:witness-words($context, .)}">
        <xsl:if test="key('readings-of-witness', ., root($context))[1] is $context"><xsl:attribute name="tabindex" select="0"/></xsl:if>
        <xsl:value-of select="ed:siglum($context, .)"/></abbr>
    </xsl:for-each>
  </xsl:template>

  <!-- A nested app inside a reading or a lemma shown in an entry: its lemma, no marker (it has its own entry). -->
  <xsl:template match="tei:app" priority="3">
    <xsl:param name="ed:entry" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$ed:entry"><xsl:apply-templates select="ed:lemma(.)/node()"/></xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
