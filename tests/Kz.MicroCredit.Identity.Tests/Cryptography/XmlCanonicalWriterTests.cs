using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

/// <summary>
/// Hand-written expected canonical forms (after the examples of W3C Canonical XML 1.0 §3 and Exclusive XML
/// Canonicalization 1.0 §2.2, without their DTD parts) for the rules that are easy to get wrong.
/// </summary>
public sealed class XmlCanonicalWriterTests
{
    private const string C14N = XmlCanonicalWriter.C14N;
    private const string C14NWithComments = XmlCanonicalWriter.C14NWithComments;
    private const string Exc = XmlCanonicalWriter.ExcC14N;

    [Fact]
    public void Document_level_PIs_and_comments_get_the_newline_rules_and_comments_go_without_WithComments()
    {
        const string xml = "<?xml version=\"1.0\"?>\n\n<?xml-stylesheet   href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n\n<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->";
        XmlDocument document = Load(xml);
        Assert.Equal(
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>",
            Text(document, C14N));
        Assert.Equal(
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->",
            Text(document, C14NWithComments));
        Assert.Equal(
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>",
            Text(document, C14NWithComments, stripComments: true));
    }

    [Fact]
    public void Start_and_end_tags_empty_elements_and_attribute_order()
    {
        const string xml = "<doc><e1   /><e2   ></e2><e3   name = \"elem3\"   id=\"elem3\"   /><e5 a:attr=\"out\" b:attr=\"sorted\" attr2=\"all\" attr=\"I'm\"\n   xmlns:b=\"http://www.ietf.org\"\n   xmlns:a=\"http://www.w3.org\"\n   xmlns=\"http://example.org\"/></doc>";
        Assert.Equal(
            "<doc><e1></e1><e2></e2><e3 id=\"elem3\" name=\"elem3\"></e3><e5 xmlns=\"http://example.org\" xmlns:a=\"http://www.w3.org\" xmlns:b=\"http://www.ietf.org\" attr=\"I'm\" attr2=\"all\" b:attr=\"sorted\" a:attr=\"out\"></e5></doc>",
            Text(Load(xml), C14N));
    }

    [Fact]
    public void Character_escaping_in_text_CDATA_and_attributes()
    {
        const string xml = "<doc><text>First line&#x0d;&#10;Second line</text><value>&#x32;</value><compute><![CDATA[value>\"0\" && value<\"10\" ?\"valid\":\"error\"]]></compute><compute expr='value>\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"'>valid</compute><norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/></doc>";
        Assert.Equal(
            "<doc><text>First line&#xD;\nSecond line</text><value>2</value><compute>value&gt;\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"</compute><compute expr=\"value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;\">valid</compute><norm attr=\" '    &#xD;&#xA;&#x9;   ' \"></norm></doc>",
            Text(Load(xml), C14N));
    }

    [Fact]
    public void Whitespace_and_the_Kalkan_CR_inside_base64_are_kept()
    {
        const string xml = "<r>\n  <v>QUJD&#13;\nREVG</v>\r\n</r>";
        Assert.Equal("<r>\n  <v>QUJD&#xD;\nREVG</v>\n</r>", Text(Load(xml), C14N));
    }

    [Fact]
    public void Inclusive_apex_carries_every_inherited_declaration_exclusive_only_the_visibly_used_ones()
    {
        const string xml = "<n0:local xmlns:n0=\"foo:bar\" xmlns:n3=\"ftp://example.org\"><n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\"><n3:stuff xmlns:n3=\"ftp://example.org\"/></n1:elem2></n0:local>";
        XmlElement apex = (XmlElement)Load(xml).DocumentElement!.FirstChild!;
        Assert.Equal(
            "<n1:elem2 xmlns:n0=\"foo:bar\" xmlns:n1=\"http://example.net\" xmlns:n3=\"ftp://example.org\" xml:lang=\"en\"><n3:stuff></n3:stuff></n1:elem2>",
            Text(apex, C14N));
        Assert.Equal(
            "<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\"><n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff></n1:elem2>",
            Text(apex, Exc));
        Assert.Equal(
            "<n1:elem2 xmlns:n0=\"foo:bar\" xmlns:n1=\"http://example.net\" xml:lang=\"en\"><n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff></n1:elem2>",
            Text(apex, Exc, prefixList: "n0"));
    }

    [Fact]
    public void Exclusive_default_namespace_is_rendered_where_used_and_PrefixList_default_forces_it()
    {
        const string xml = "<a:root xmlns:a=\"urn:a\" xmlns=\"urn:d\" xmlns:u=\"urn:unused\"><a:child><x/><a:y/></a:child></a:root>";
        XmlElement apex = (XmlElement)Load(xml).DocumentElement!.FirstChild!;
        Assert.Equal("<a:child xmlns:a=\"urn:a\"><x xmlns=\"urn:d\"></x><a:y></a:y></a:child>", Text(apex, Exc));
        Assert.Equal("<a:child xmlns=\"urn:d\" xmlns:a=\"urn:a\"><x></x><a:y></a:y></a:child>", Text(apex, Exc, prefixList: "#default"));
        Assert.Equal("<a:child xmlns=\"urn:d\" xmlns:a=\"urn:a\" xmlns:u=\"urn:unused\"><x></x><a:y></a:y></a:child>", Text(apex, C14N));
    }

    [Fact]
    public void Empty_default_namespace_is_only_emitted_to_undo_a_rendered_default()
    {
        Assert.Equal("<r xmlns=\"urn:d\"><c xmlns=\"\"><g></g></c></r>", Text(Load("<r xmlns=\"urn:d\"><c xmlns=\"\"><g xmlns=\"\"/></c></r>"), C14N));
        Assert.Equal("<r><c></c></r>", Text(Load("<r><c xmlns=\"\"/></r>"), C14N));
        Assert.Equal("<r><c></c></r>", Text(Load("<r xmlns=\"\"><c xmlns=\"\"/></r>"), Exc));

        // Apex below an xmlns="" whose own ancestor set a default: nothing rendered above the apex, so nothing to undo.
        XmlElement apex = (XmlElement)Load("<r xmlns=\"urn:d\"><c xmlns=\"\"><g/></c></r>").DocumentElement!.FirstChild!.FirstChild!;
        Assert.Equal("<g></g>", Text(apex, C14N));
        Assert.Equal("<g></g>", Text(apex, Exc));
    }

    [Fact]
    public void Superfluous_redeclarations_are_dropped_and_a_rebinding_is_kept()
    {
        const string xml = "<p:r xmlns:p=\"urn:1\"><p:c xmlns:p=\"urn:1\"><p:d xmlns:p=\"urn:2\"/></p:c></p:r>";
        Assert.Equal("<p:r xmlns:p=\"urn:1\"><p:c><p:d xmlns:p=\"urn:2\"></p:d></p:c></p:r>", Text(Load(xml), C14N));
        Assert.Equal("<p:r xmlns:p=\"urn:1\"><p:c><p:d xmlns:p=\"urn:2\"></p:d></p:c></p:r>", Text(Load(xml), Exc));
    }

    [Fact]
    public void The_enveloped_signature_is_left_out_of_the_element_and_of_the_whole_document()
    {
        XmlDocument document = Load("<?pi x?><r><x>1</x><Signature xmlns=\"urn:s\"><v/></Signature></r>");
        var signature = (XmlElement)document.DocumentElement!.LastChild!;
        Assert.Equal("<r><x>1</x></r>", Text(document.DocumentElement, C14N, exclude: signature));
        Assert.Equal("<?pi x?>\n<r><x>1</x></r>", Text(document, C14N, exclude: signature));
        Assert.Empty(XmlCanonicalWriter.Canonicalize(signature, C14N, null, signature, stripComments: true));
        Assert.Throws<InvalidOperationException>(() => XmlCanonicalWriter.Canonicalize(document.DocumentElement.FirstChild!, C14N, null, signature, stripComments: true));
    }

    [Fact]
    public void Quirks_of_the_dotnet_transforms_are_kept()
    {
        // xml:* attributes go through the inclusive namespace bookkeeping: an empty one with nothing rendered above is
        // dropped (W3C C14N would print xml:lang=""); a repeated equal value is printed again (as W3C does).
        Assert.Equal("<r><c xml:lang=\"kk\"><d xml:lang=\"kk\"></d></c></r>", Text(Load("<r xml:lang=\"\"><c xml:lang=\"kk\"><d xml:lang=\"kk\"/></c></r>"), C14N));
        Assert.Equal("<r xml:lang=\"\"></r>", Text(Load("<r xml:lang=\"\"/>"), Exc));

        // xml:lang and xmlns:lang share one key: the transforms fail (the verifier reports MalformedSignature).
        Assert.Throws<ArgumentException>(() => XmlCanonicalWriter.Canonicalize(Load("<r xmlns:lang=\"urn:l\" xml:lang=\"en\"/>"), C14N, null, null, stripComments: true));

        // A repeated PrefixList token fails too.
        Assert.Throws<ArgumentException>(() => XmlCanonicalWriter.Canonicalize(Load("<r/>"), Exc, "a a", null, stripComments: true));
    }

    private static XmlDocument Load(string xml) => SafeXml.Load(Encoding.UTF8.GetBytes(xml));

    private static string Text(XmlNode node, string algorithm, bool stripComments = false, string? prefixList = null, XmlElement? exclude = null) =>
        Encoding.UTF8.GetString(XmlCanonicalWriter.Canonicalize(node, algorithm, prefixList, exclude, stripComments));
}
