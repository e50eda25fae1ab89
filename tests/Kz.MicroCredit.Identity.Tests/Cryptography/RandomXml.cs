using System.Text;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

/// <summary>
/// Well-formed random documents that stress canonicalisation: nesting, prefixes re-bound to other URIs, default
/// namespace declarations and <c>xmlns=""</c> undeclarations, redundant re-declarations, <c>xml:*</c> attributes (and
/// the <c>xmlns:lang</c>/<c>xml:lang</c> key clash), attributes in several namespaces, text with
/// <c>&amp; &lt; &gt; " CR LF TAB</c>, CDATA, comments, PIs, whitespace, top-level PIs/comments.
/// </summary>
internal static class RandomXml
{
    private static readonly string[] Prefixes = ["", "a", "b", "ds", "lang", "n1"];
    private static readonly string[] Uris = ["urn:a", "urn:b", "http://www.w3.org/2000/09/xmldsig#", "urn:z", "ftp://example.org"];
    private static readonly string[] LocalNames = ["r", "e", "Signature", "x", "lang", "Body"];
    private static readonly string[] AttributeNames = ["id", "Id", "attr", "a", "lang", "b", "z"];
    private static readonly string[] XmlAttributes = ["xml:lang", "xml:space", "xml:base", "xml:id"];
    private static readonly string[] TextPieces = ["t", "&amp;", "&lt;", "&gt;", "\"", "'", "&#13;", "&#xD;&#xA;", "\n", "\t", " ", "  ", "Қазақ", "€", "&#x1F600;", "]]&gt;"];
    private static readonly string[] AttributePieces = ["v", "&amp;", "&lt;", ">", "&quot;", "'", "&#13;", "&#10;", "&#9;", " ", "Ә", ""];

    public static string Generate(Random random)
    {
        var sb = new StringBuilder();
        if (random.Next(3) == 0)
        {
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        }

        AppendMisc(sb, random);
        var scope = new Dictionary<string, string>(StringComparer.Ordinal) { [""] = string.Empty };
        AppendElement(sb, random, scope, depth: 0);
        AppendMisc(sb, random);
        return sb.ToString();
    }

    private static void AppendMisc(StringBuilder sb, Random random)
    {
        int count = random.Next(3);
        for (int i = 0; i < count; i++)
        {
            switch (random.Next(3))
            {
                case 0:
                    sb.Append("<!--").Append(Pick(random, ["c", " c ", "a&b<c>", "\n"])).Append("-->");
                    break;
                case 1:
                    sb.Append("<?pi").Append(Pick(random, ["", " d", "  data  ", " a=\"1\"\n b"])).Append("?>");
                    break;
                default:
                    sb.Append(Pick(random, ["\n", " ", "\r\n\t"]));
                    break;
            }
        }
    }

    private static void AppendElement(StringBuilder sb, Random random, Dictionary<string, string> parentScope, int depth)
    {
        var scope = new Dictionary<string, string>(parentScope, StringComparer.Ordinal);
        var declarations = new Dictionary<string, string>(StringComparer.Ordinal);
        int declarationCount = random.Next(4);
        for (int i = 0; i < declarationCount; i++)
        {
            string prefix = Pick(random, Prefixes);
            string uri = prefix.Length == 0 && random.Next(3) == 0 ? string.Empty : Pick(random, Uris);
            if (random.Next(4) == 0 && scope.TryGetValue(prefix, out string? same) && (same.Length > 0 || prefix.Length == 0))
            {
                uri = same; // a redundant re-declaration
            }

            declarations[prefix] = uri;
            scope[prefix] = uri;
        }

        string elementPrefix = Pick(random, Prefixes);
        if (!scope.TryGetValue(elementPrefix, out string? elementUri) || (elementPrefix.Length > 0 && elementUri.Length == 0))
        {
            elementUri = Pick(random, Uris);
            declarations[elementPrefix] = elementUri;
            scope[elementPrefix] = elementUri;
        }

        string name = (elementPrefix.Length > 0 ? elementPrefix + ":" : string.Empty) + Pick(random, LocalNames);
        sb.Append('<').Append(name);
        foreach ((string prefix, string uri) in declarations)
        {
            sb.Append(Space(random)).Append(prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix).Append("=\"").Append(uri).Append('"');
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        int attributeCount = random.Next(5);
        for (int i = 0; i < attributeCount; i++)
        {
            string attributeName;
            string expanded;
            switch (random.Next(4))
            {
                case 0:
                    attributeName = Pick(random, XmlAttributes);
                    expanded = attributeName;
                    break;
                case 1:
                    string prefix = Pick(random, Prefixes);
                    if (prefix.Length == 0 || !scope.TryGetValue(prefix, out string? uri) || uri.Length == 0)
                    {
                        continue;
                    }

                    string local = Pick(random, AttributeNames);
                    attributeName = prefix + ":" + local;
                    expanded = "{" + uri + "}" + local;
                    break;
                default:
                    attributeName = Pick(random, AttributeNames);
                    expanded = attributeName;
                    break;
            }

            if (!used.Add(expanded))
            {
                continue;
            }

            char quote = random.Next(2) == 0 ? '"' : '\'';
            sb.Append(Space(random)).Append(attributeName).Append(random.Next(4) == 0 ? " = " : "=").Append(quote);
            int pieces = attributeName == "xml:space" ? 0 : random.Next(4);
            if (attributeName == "xml:space")
            {
                sb.Append(random.Next(2) == 0 ? "preserve" : "default");
            }

            for (int p = 0; p < pieces; p++)
            {
                string piece = Pick(random, AttributePieces);
                sb.Append(piece == "'" && quote == '\'' ? "&apos;" : piece == "&quot;" && quote == '"' ? "&quot;" : piece);
            }

            sb.Append(quote);
        }

        if (random.Next(6) == 0)
        {
            sb.Append(Space(random)).Append("/>");
            return;
        }

        sb.Append('>');
        int children = depth > 4 ? random.Next(2) : random.Next(6);
        for (int i = 0; i < children; i++)
        {
            switch (random.Next(7))
            {
                case 0:
                case 1:
                    AppendElement(sb, random, scope, depth + 1);
                    break;
                case 2:
                    sb.Append("<![CDATA[").Append(Pick(random, ["x<y>&z", "\r\n", "\"q\"", " "])).Append("]]>");
                    break;
                case 3:
                    sb.Append("<!--").Append(Pick(random, ["c", "&<>", "\n "])).Append("-->");
                    break;
                case 4:
                    sb.Append("<?p").Append(Pick(random, ["", " v", " a\r\nb "])).Append("?>");
                    break;
                case 5:
                    sb.Append(Pick(random, ["\n  ", " ", "\r\n", "\t"]));
                    break;
                default:
                    int pieces = 1 + random.Next(4);
                    for (int p = 0; p < pieces; p++)
                    {
                        sb.Append(Pick(random, TextPieces));
                    }

                    break;
            }
        }

        sb.Append("</").Append(name).Append('>');
    }

    private static string Space(Random random) => Pick(random, [" ", "  ", "\n ", "\t"]);

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
