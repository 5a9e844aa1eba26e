<?xml version="1.0" encoding="UTF-8"?>
<!--
  What an edition may override, in one place (like the TEI Stylesheets' html_param.xsl).

  An edition's own xslt/tei-to-html.xsl imports the bundled stylesheet with
  <xsl:import href="edition:default"/> and then redeclares a parameter or a hook
  of the same name: its declaration has the higher import precedence and wins.
  Every parameter keeps the bundled pages as they are by default, and every hook
  is empty. docs/customising.md has one working example for each; a test checks
  that this file and that page name the same parameters and hooks.

  Any other template may be overridden too (match the same TEI element), but the
  names below are the ones that stay stable from one version to the next.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- ===================== Parameters ===================== -->

  <!-- line-number-every: verse lines (tei:l) show their number every this many lines
       (5, 10, 15 … by default). 0 shows no line numbers. -->
  <xsl:param name="line-number-every" as="xs:integer" select="5"/>

  <!-- contents-heading: the title of the table of contents a document with several
       headed divisions gets; also its accessible name. -->
  <xsl:param name="contents-heading" as="xs:string" select="'Contents'"/>

  <!-- notes-heading: the heading of the numbered footnotes at the end of the text. -->
  <xsl:param name="notes-heading" as="xs:string" select="'Notes'"/>

  <!-- ===================== Hooks ===================== -->
  <!-- Named templates, empty here, called at fixed points. Redefine one to add output there. -->

  <!-- before-text: called first inside <div class="tei-text">, before the table of contents.
       Context: the document node (so //tei:teiHeader is at hand). -->
  <xsl:template name="before-text"/>

  <!-- after-text: called last inside <div class="tei-text">, after the footnotes.
       Context: the document node. -->
  <xsl:template name="after-text"/>

  <!-- speech-start: called first inside each speech's <div class="tei-sp">, before the speaker
       label; attributes made here go on that div. Context: the tei:sp, the tei:u, or the
       tei:p that opens with a speaker label ("The President:"). -->
  <xsl:template name="speech-start"/>

  <!-- speech-end: called last inside each speech's <div class="tei-sp">, after its paragraphs.
       Context: as for speech-start. -->
  <xsl:template name="speech-end"/>

  <!-- paragraph-attributes: attributes to add to each paragraph of the text (<p class="tei-p">).
       A class made here is added to the paragraph's own classes; any other attribute is added
       as it is. Context: the tei:p (or the tei:seg of an utterance). -->
  <xsl:template name="paragraph-attributes"/>
</xsl:stylesheet>
