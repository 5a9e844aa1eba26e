<?xml version="1.0" encoding="UTF-8"?>
<!-- The structure of the text: divisions, headings, speeches (sp with a speaker label), paragraphs. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Paragraph numbers shown to readers, counted once in document order (xsl:number would
       count all preceding paragraphs again for each one). -->
  <xsl:accumulator name="paragraph-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:body//tei:p" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="tei:text | tei:body">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:div">
    <section class="tei-div">
      <xsl:call-template name="id"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head">
    <h2 class="tei-head"><xsl:call-template name="id"/><xsl:apply-templates/></h2>
  </xsl:template>

  <!-- A subtitle is part of the heading above it, not a heading of its own. -->
  <xsl:template match="tei:head[@type = 'sub']">
    <p class="tei-head-sub"><xsl:call-template name="id"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:opener">
    <p class="tei-opener"><xsl:call-template name="id"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:date">
    <time>
      <xsl:if test="@when"><xsl:attribute name="datetime" select="@when"/></xsl:if>
      <xsl:apply-templates/>
    </time>
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

  <xsl:template match="tei:p">
    <p>
      <xsl:call-template name="paragraph-class-and-id"/>
      <xsl:call-template name="paragraph-number"/>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A paragraph's class and id, then what the edition's paragraph-attributes hook adds:
       a class joins the paragraph's own rather than replacing it. -->
  <xsl:template name="paragraph-class-and-id">
    <xsl:param name="class" as="xs:string" select="'tei-p'"/>
    <xsl:variable name="added" as="attribute()*"><xsl:call-template name="paragraph-attributes"/></xsl:variable>
    <xsl:attribute name="class" select="string-join(($class, $added[name() = 'class']), ' ')"/>
    <xsl:call-template name="id"/>
    <xsl:sequence select="$added[name() != 'class']"/>
  </xsl:template>

  <!-- The number readers see links to the paragraph's permanent anchor. -->
  <xsl:template name="paragraph-number">
    <xsl:if test="@xml:id">
      <a class="pnum" href="#{@xml:id}" title="Link to this paragraph">
        <xsl:value-of select="accumulator-before('paragraph-number')"/>
      </a>
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Divisions with headings, nested, as a table of contents (only where there are several). -->
  <xsl:template name="contents">
    <xsl:variable name="divisions" select="//tei:text//tei:div[tei:head][@xml:id]"/>
    <xsl:if test="count($divisions) gt 1">
      <nav class="toc" aria-label="{$contents-heading}">
        <p class="toc-title"><xsl:value-of select="$contents-heading"/></p>
        <xsl:call-template name="contents-level">
          <xsl:with-param name="divisions" select="(//tei:text/*/tei:div)[tei:head or .//tei:div/tei:head]"/>
        </xsl:call-template>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="contents-level">
    <xsl:param name="divisions"/>
    <xsl:if test="$divisions">
      <ul>
        <xsl:for-each select="$divisions">
          <li>
            <a href="#{@xml:id}"><xsl:value-of select="normalize-space((tei:head)[1])"/></a>
            <xsl:call-template name="contents-level">
              <xsl:with-param name="divisions" select="tei:div[tei:head or .//tei:div/tei:head]"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- The HTML id is the TEI xml:id and nothing else. -->
  <xsl:template name="id">
    <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
  </xsl:template>
</xsl:stylesheet>
