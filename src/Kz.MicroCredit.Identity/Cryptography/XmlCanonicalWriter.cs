using System.Buffers;
using System.Text;
using System.Xml;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// Canonical XML 1.0 and Exclusive XML Canonicalization 1.0 (with or without comments) written straight from the
/// original DOM nodes into UTF-8 bytes: no import into a scratch document, no second copy through an XmlNodeReader.
/// </summary>
/// <remarks>
/// The output is byte-identical to the previous path (import the subtree into a fresh document, copy the ancestors'
/// namespace declarations onto the apex, remove the excluded subtree and, unless kept, the comments, then run
/// <c>XmlDsigC14NTransform</c> / <c>XmlDsigExcC14NTransform</c>), including the transforms' departures from the W3C
/// text, because that path is what Kalkan/Santuario signatures were verified against: <c>xml:*</c> attributes are
/// handled in inclusive mode by the same rendered/unrendered bookkeeping as namespace declarations (keyed by their
/// local name, so <c>xml:lang=""</c> with no rendered ancestor of that key is dropped and a <c>xml:foo</c> equal to a
/// rendered <c>xmlns:foo</c> is dropped), an element's own prefix is declared from its namespace URI when it does not
/// carry the declaration itself, duplicate keys fail with <see cref="ArgumentException"/> as the transforms' hash
/// tables do, and an excluded node that is not inside the canonicalised node fails with
/// <see cref="InvalidOperationException"/>. The differential tests hold the old path as the reference.
/// One instance per thread is cached; a call is not re-entrant.
/// </remarks>
internal sealed class XmlCanonicalWriter
{
    /// <summary>Inclusive C14N 1.0 URI.</summary>
    public const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

    /// <summary>Inclusive C14N 1.0 with comments URI.</summary>
    public const string C14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";

    /// <summary>Exclusive C14N 1.0 URI.</summary>
    public const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /// <summary>Exclusive C14N 1.0 with comments URI.</summary>
    public const string ExcC14NWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const int ShortText = 32;

    /// <summary>What text content escapes (C14N §2.3: &amp;, &lt;, &gt;, CR).</summary>
    private static readonly SearchValues<char> TextSpecial = SearchValues.Create("&<>\r");

    /// <summary>What attribute values escape (&amp;, &lt;, quote, TAB, LF, CR).</summary>
    private static readonly SearchValues<char> AttributeSpecial = SearchValues.Create("&<\"\t\n\r");

    [ThreadStatic]
    private static XmlCanonicalWriter? t_cached;

    private readonly List<Attr> _locals = new(8);
    private readonly List<Attr> _nsRender = new(8);
    private readonly List<Attr> _attrRender = new(8);
    private readonly List<Attr> _apexExtras = new(8);
    private readonly List<NsEntry> _frames = new(16);
    private readonly List<string> _prefixes = new(4);
    private readonly List<string> _seenKeys = new(4);
    private readonly Dictionary<string, string> _declarationNames = new(StringComparer.Ordinal);
    private byte[] _buffer = [];
    private int _length;
    private int _depth;
    private bool _exclusive;
    private bool _comments;
    private XmlNode? _exclude;

    private enum Kind : byte
    {
        Namespace,
        Xml,
        Plain,
    }

    /// <summary>Gets a value indicating whether a URI names one of the four supported algorithms.</summary>
    /// <param name="algorithm">The URI.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public static bool IsSupported(string? algorithm) => algorithm is C14N or C14NWithComments or ExcC14N or ExcC14NWithComments;

    /// <summary>Canonicalises a node as the verifier dereferences it.</summary>
    /// <param name="node">An <see cref="XmlElement"/> (the apex; ancestors' namespace declarations are carried) or an <see cref="XmlDocument"/>.</param>
    /// <param name="algorithm">One of the four C14N URIs.</param>
    /// <param name="prefixList">For exclusive C14N: the InclusiveNamespaces PrefixList (blank = none).</param>
    /// <param name="exclude">A descendant subtree to leave out (the enveloped signature), if any.</param>
    /// <param name="stripComments">Drop comments even when the algorithm keeps them (a same-document reference).</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The algorithm is not supported.</exception>
    public static byte[] Canonicalize(XmlNode node, string algorithm, string? prefixList, XmlNode? exclude, bool stripComments)
    {
        ArgumentNullException.ThrowIfNull(node);
        (bool exclusive, bool withComments) = algorithm switch
        {
            C14N => (false, false),
            C14NWithComments => (false, true),
            ExcC14N => (true, false),
            ExcC14NWithComments => (true, true),
            _ => throw new System.Security.Cryptography.CryptographicException("Canonicalization not allowed."),
        };

        XmlCanonicalWriter writer = t_cached ?? new XmlCanonicalWriter();
        t_cached = null;
        try
        {
            return writer.Run(node, exclusive, withComments && !stripComments, exclusive && !string.IsNullOrWhiteSpace(prefixList) ? prefixList : null, exclude);
        }
        finally
        {
            writer.Reset();
            t_cached = writer;
        }
    }

    private byte[] Run(XmlNode node, bool exclusive, bool comments, string? prefixList, XmlNode? exclude)
    {
        _exclusive = exclusive;
        _comments = comments;
        _exclude = exclude;
        if (_buffer.Length == 0)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(4096);
        }

        if (prefixList is not null)
        {
            TokenizePrefixList(prefixList);
        }

        if (exclude is not null && !IsDescendantOrSelf(node, exclude))
        {
            throw new InvalidOperationException("Not a descendant.");
        }

        if (node is XmlDocument document)
        {
            WriteDocument(document);
        }
        else if (node is XmlElement element)
        {
            if (!ReferenceEquals(element, exclude))
            {
                CollectApexExtras(element);
                WriteElement(element, isApex: true);
            }
        }
        else
        {
            throw new ArgumentException("Only an element or a document can be canonicalised.", nameof(node));
        }

        return _buffer.AsSpan(0, _length).ToArray();
    }

    private void Reset()
    {
        // The buffer held signed content (names, IINs): wipe what was written before the writer is parked for reuse.
        _buffer.AsSpan(0, _length).Clear();
        _length = 0;
        _depth = 0;
        _exclude = null;
        _locals.Clear();
        _nsRender.Clear();
        _attrRender.Clear();
        _apexExtras.Clear();
        _frames.Clear();
        _prefixes.Clear();
        if (_buffer.Length > 1024 * 1024)
        {
            ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
            _buffer = [];
        }
    }

    private static bool IsDescendantOrSelf(XmlNode ancestor, XmlNode node)
    {
        for (XmlNode? n = node; n is not null; n = n.ParentNode)
        {
            if (ReferenceEquals(n, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    private void TokenizePrefixList(string prefixList)
    {
        // string.Split(null) semantics: any char.IsWhiteSpace separates; "#default" names the default namespace;
        // a repeated token fails as the transform's Hashtable.Add does.
        int start = -1;
        for (int i = 0; i <= prefixList.Length; i++)
        {
            bool separator = i == prefixList.Length || char.IsWhiteSpace(prefixList[i]);
            if (!separator)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                string token = prefixList[start..i];
                string key = token == "#default" ? string.Empty : token;
                if (_prefixes.Contains(key))
                {
                    throw new ArgumentException("Duplicate prefix in the InclusiveNamespaces PrefixList.", nameof(prefixList));
                }

                _prefixes.Add(key);
                start = -1;
            }
        }
    }

    private void CollectApexExtras(XmlElement apex)
    {
        // The namespace declarations in scope on the apex's ancestors, nearest first, unless the apex (or a nearer
        // ancestor) declares the same prefix: exactly what the import-based path copied onto the apex.
        for (XmlNode? p = apex.ParentNode; p is XmlElement ancestor; p = ancestor.ParentNode)
        {
            if (!ancestor.HasAttributes)
            {
                continue;
            }

            XmlAttributeCollection attributes = ancestor.Attributes;
            for (int i = 0; i < attributes.Count; i++)
            {
                XmlAttribute a = attributes[i];
                if (a.NamespaceURI != XmlnsNamespace)
                {
                    continue;
                }

                string key = a.LocalName == "xmlns" ? string.Empty : a.LocalName;
                if (ApexDeclares(apex, key) || ExtrasDeclare(key))
                {
                    continue;
                }

                _apexExtras.Add(new Attr(key.Length == 0 ? string.Empty : "xmlns", a.LocalName, a.Name, XmlnsNamespace, a.Value, Kind.Namespace));
            }
        }
    }

    private static bool ApexDeclares(XmlElement apex, string key)
    {
        if (!apex.HasAttributes)
        {
            return false;
        }

        XmlAttributeCollection attributes = apex.Attributes;
        for (int i = 0; i < attributes.Count; i++)
        {
            XmlAttribute a = attributes[i];
            if (key.Length == 0 ? a.Name == "xmlns" : (a.Prefix == "xmlns" && a.LocalName == key))
            {
                return true;
            }
        }

        return false;
    }

    private bool ExtrasDeclare(string key)
    {
        foreach (Attr extra in _apexExtras)
        {
            if (extra.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    private void WriteDocument(XmlDocument document)
    {
        // Document order: PIs and comments before the root element end with LF, after it start with LF; everything
        // else at the top level (declaration, whitespace) is not part of the output.
        bool afterRoot = false;
        for (XmlNode? child = document.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child.NodeType)
            {
                case XmlNodeType.Element:
                    if (!ReferenceEquals(child, _exclude))
                    {
                        WriteElement((XmlElement)child, isApex: false);
                        afterRoot = true;
                    }

                    break;
                case XmlNodeType.ProcessingInstruction:
                    if (afterRoot)
                    {
                        WriteByte((byte)'\n');
                    }

                    WriteProcessingInstruction((XmlProcessingInstruction)child);
                    if (!afterRoot)
                    {
                        WriteByte((byte)'\n');
                    }

                    break;
                case XmlNodeType.Comment:
                    if (_comments)
                    {
                        if (afterRoot)
                        {
                            WriteByte((byte)'\n');
                        }

                        WriteComment((XmlComment)child);
                        if (!afterRoot)
                        {
                            WriteByte((byte)'\n');
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private void WriteChildren(XmlNode parent)
    {
        for (XmlNode? child = parent.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child.NodeType)
            {
                case XmlNodeType.Element:
                    if (!ReferenceEquals(child, _exclude))
                    {
                        WriteElement((XmlElement)child, isApex: false);
                    }

                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    WriteEscaped(child.Value!, attribute: false);
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    WriteWhitespace(child.Value!);
                    break;
                case XmlNodeType.Comment:
                    if (_comments)
                    {
                        WriteComment((XmlComment)child);
                    }

                    break;
                case XmlNodeType.ProcessingInstruction:
                    WriteProcessingInstruction((XmlProcessingInstruction)child);
                    break;
                case XmlNodeType.EntityReference:
                    WriteChildren(child);
                    break;
                default:
                    break;
            }
        }
    }

    private void WriteElement(XmlElement element, bool isApex)
    {
        _locals.Clear();
        _nsRender.Clear();
        _attrRender.Clear();
        string prefix = element.Prefix;
        string namespaceUri = element.NamespaceURI;
        bool committed = false;
        if (element.HasAttributes)
        {
            XmlAttributeCollection attributes = element.Attributes;
            for (int i = 0; i < attributes.Count; i++)
            {
                XmlAttribute a = attributes[i];
                Attr attr = Attr.From(a);
                if (attr.Kind == Kind.Namespace && attr.Key == prefix && attr.Value == namespaceUri)
                {
                    committed = true;
                }

                Track(attr);
            }
        }

        if (isApex)
        {
            foreach (Attr extra in _apexExtras)
            {
                if (extra.Key == prefix && extra.Value == namespaceUri)
                {
                    committed = true;
                }

                Track(extra);
            }
        }

        if (!committed)
        {
            // The element's own prefix, declared from its namespace URI (what the transform synthesises).
            Track(new Attr(prefix.Length == 0 ? string.Empty : "xmlns", prefix.Length == 0 ? "xmlns" : prefix, DeclarationName(prefix), XmlnsNamespace, namespaceUri, Kind.Namespace));
        }

        if (_exclusive)
        {
            SelectExclusive(prefix);
        }
        else
        {
            SelectInclusive();
        }

        string name = element.Name;
        WriteByte((byte)'<');
        WriteRaw(name);
        foreach (Attr a in _nsRender)
        {
            WriteAttribute(a);
        }

        foreach (Attr a in _attrRender)
        {
            WriteAttribute(a);
        }

        WriteByte((byte)'>');

        int frame = _depth;
        foreach (Attr a in _locals)
        {
            _frames.Add(new NsEntry(frame, false, a));
        }

        foreach (Attr a in _nsRender)
        {
            _frames.Add(new NsEntry(frame, true, a));
        }

        _depth++;
        WriteChildren(element);
        _depth--;
        int keep = _frames.Count;
        while (keep > 0 && _frames[keep - 1].Depth == frame)
        {
            keep--;
        }

        _frames.RemoveRange(keep, _frames.Count - keep);
        WriteByte((byte)'<');
        WriteByte((byte)'/');
        WriteRaw(name);
        WriteByte((byte)'>');
    }

    private string DeclarationName(string prefix)
    {
        if (prefix.Length == 0)
        {
            return "xmlns";
        }

        if (!_declarationNames.TryGetValue(prefix, out string? name))
        {
            name = "xmlns:" + prefix;
            if (_declarationNames.Count < 256)
            {
                _declarationNames[prefix] = name;
            }
        }

        return name;
    }

    private void Track(Attr a)
    {
        switch (a.Kind)
        {
            case Kind.Namespace:
                if (_exclusive && _prefixes.Contains(a.Key) && IsNonRedundant(a, NearestRendered(a.Key, out _)))
                {
                    AddNamespace(a);
                }
                else
                {
                    AddLocal(a);
                }

                break;
            case Kind.Xml:
                if (_exclusive)
                {
                    AddAttribute(a); // exclusive C14N: xml:* are plain attributes, not propagated
                }
                else
                {
                    AddLocal(a); // inclusive: tracked like a namespace declaration, keyed by local name
                }

                break;
            default:
                AddAttribute(a);
                break;
        }
    }

    private void SelectInclusive()
    {
        // Declared here: rendered unless the nearest rendered one of the same key has the same value (an empty default
        // declaration, or an empty xml:* attribute, with nothing rendered above is not rendered).
        for (int i = 0; i < _locals.Count;)
        {
            Attr local = _locals[i];
            if (IsNonRedundant(local, NearestRendered(local.Key, out _)))
            {
                _locals.RemoveAt(i);
                AddRendered(local);
            }
            else
            {
                i++;
            }
        }

        // Declared on an ancestor but not rendered there. RenderInherited depends only on the key and renders a key at
        // most once, so each key is asked once (in first-declared order): every element repeats its own prefix
        // declaration, and without this the work grew with the square of the depth.
        _seenKeys.Clear();
        for (int i = 0; i < _frames.Count; i++)
        {
            NsEntry entry = _frames[i];
            if (!entry.Rendered && !_seenKeys.Contains(entry.Attr.Key))
            {
                _seenKeys.Add(entry.Attr.Key);
                RenderInherited(entry.Attr.Key, inclusive: true);
            }
        }
    }

    private void SelectExclusive(string elementPrefix)
    {
        // Visibly utilised: the element's prefix and the prefixes of its attributes.
        RenderInherited(elementPrefix, inclusive: false);
        for (int i = 0; i < _attrRender.Count; i++)
        {
            string p = _attrRender[i].Prefix;
            if (p.Length > 0)
            {
                RenderInherited(p, inclusive: false);
            }
        }
    }

    private void RenderInherited(string key, bool inclusive)
    {
        foreach (Attr a in _nsRender)
        {
            if (a.Key == key)
            {
                return;
            }
        }

        if (inclusive)
        {
            foreach (Attr a in _attrRender)
            {
                if (a.LocalName == key)
                {
                    return;
                }
            }
        }

        Attr? rendered = NearestRendered(key, out int renderedDepth);
        int localIndex = IndexOfLocal(key);
        if (localIndex >= 0)
        {
            Attr local = _locals[localIndex];
            if (IsNonRedundant(local, rendered))
            {
                _locals.RemoveAt(localIndex);
                AddRendered(local);
            }

            return;
        }

        Attr? unrendered = NearestUnrendered(key, out int unrenderedDepth);
        if (unrendered is { } u && unrenderedDepth > renderedDepth && IsNonRedundant(u, rendered))
        {
            AddRendered(u);
        }
    }

    private void AddRendered(Attr a)
    {
        if (a.Kind == Kind.Xml)
        {
            AddAttribute(a);
        }
        else
        {
            AddNamespace(a);
        }
    }

    private static bool IsNonRedundant(Attr a, Attr? nearest) =>
        nearest is { } n ? n.Value != a.Value : !(a.IsDefaultLike && a.Value.Length == 0);

    private Attr? NearestRendered(string key, out int depth) => Nearest(key, rendered: true, out depth);

    private Attr? NearestUnrendered(string key, out int depth) => Nearest(key, rendered: false, out depth);

    private Attr? Nearest(string key, bool rendered, out int depth)
    {
        for (int i = _frames.Count - 1; i >= 0; i--)
        {
            NsEntry e = _frames[i];
            if (e.Rendered == rendered && e.Attr.Key == key)
            {
                depth = e.Depth;
                return e.Attr;
            }
        }

        depth = -1;
        return null;
    }

    private int IndexOfLocal(string key)
    {
        for (int i = 0; i < _locals.Count; i++)
        {
            if (_locals[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    private void AddLocal(Attr a)
    {
        if (IndexOfLocal(a.Key) >= 0)
        {
            throw new ArgumentException("Duplicate namespace key on one element.");
        }

        _locals.Add(a);
    }

    private void AddNamespace(Attr a)
    {
        // Default declaration first, then by local name (ordinal); equal keys fail as SortedList.Add does.
        int i = 0;
        for (; i < _nsRender.Count; i++)
        {
            int c = CompareNamespace(a, _nsRender[i]);
            if (c == 0)
            {
                throw new ArgumentException("Duplicate namespace declaration on one element.");
            }

            if (c < 0)
            {
                break;
            }
        }

        _nsRender.Insert(i, a);
    }

    private static int CompareNamespace(Attr x, Attr y)
    {
        bool xd = x.IsDefaultLike;
        bool yd = y.IsDefaultLike;
        if (xd && yd)
        {
            return 0;
        }

        if (xd)
        {
            return -1;
        }

        return yd ? 1 : string.CompareOrdinal(x.LocalName, y.LocalName);
    }

    private void AddAttribute(Attr a)
    {
        // By namespace URI, then local name (ordinal).
        int i = 0;
        for (; i < _attrRender.Count; i++)
        {
            Attr other = _attrRender[i];
            int c = string.CompareOrdinal(a.NamespaceUri, other.NamespaceUri);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.LocalName, other.LocalName);
            }

            if (c == 0)
            {
                throw new ArgumentException("Duplicate attribute on one element.");
            }

            if (c < 0)
            {
                break;
            }
        }

        _attrRender.Insert(i, a);
    }

    private void WriteAttribute(in Attr a)
    {
        WriteByte((byte)' ');
        WriteRaw(a.Name);
        WriteByte((byte)'=');
        WriteByte((byte)'"');
        WriteEscaped(a.Value, attribute: true);
        WriteByte((byte)'"');
    }

    private void WriteComment(XmlComment comment)
    {
        WriteAscii("<!--");
        WriteRaw(comment.Value ?? string.Empty);
        WriteAscii("-->");
    }

    private void WriteProcessingInstruction(XmlProcessingInstruction pi)
    {
        WriteAscii("<?");
        WriteRaw(pi.Name);
        string? value = pi.Value;
        if (!string.IsNullOrEmpty(value))
        {
            WriteByte((byte)' ');
            WriteRaw(value);
        }

        WriteAscii("?>");
    }

    private void WriteWhitespace(string value)
    {
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '\r')
            {
                WriteRaw(value.AsSpan(start, i - start));
                WriteAscii("&#xD;");
                start = i + 1;
            }
        }

        WriteRaw(value.AsSpan(start));
    }

    private void WriteEscaped(string value, bool attribute)
    {
        // Runs without a character to escape go out in one (vectorised) search and one UTF-8 encode.
        ReadOnlySpan<char> rest = value;
        SearchValues<char> special = attribute ? AttributeSpecial : TextSpecial;
        while (true)
        {
            int at = rest.IndexOfAny(special);
            if (at < 0)
            {
                WriteRaw(rest);
                return;
            }

            WriteRaw(rest[..at]);
            WriteAscii(rest[at] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\t' => "&#x9;",
                '\n' => "&#xA;",
                _ => "&#xD;",
            });
            rest = rest[(at + 1)..];
        }
    }

    private void WriteRaw(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        if (text.Length <= ShortText)
        {
            // Names, prefixes and short values: a plain copy while ASCII costs less than a call into the encoder.
            Span<byte> destination = _buffer.AsSpan(_length, text.Length);
            int i = 0;
            while (i < text.Length && text[i] < 0x80)
            {
                destination[i] = (byte)text[i];
                i++;
            }

            _length += i;
            if (i == text.Length)
            {
                return;
            }

            text = text[i..];
        }

        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void WriteAscii(string text)
    {
        Ensure(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            _buffer[_length++] = (byte)text[i];
        }
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int extra)
    {
        if (_buffer.Length - _length >= extra)
        {
            return;
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        }

        _buffer = bigger;
    }

    private readonly record struct NsEntry(int Depth, bool Rendered, Attr Attr);

    private readonly struct Attr
    {
        public Attr(string prefix, string localName, string name, string namespaceUri, string value, Kind kind)
        {
            Prefix = prefix;
            LocalName = localName;
            Name = name;
            NamespaceUri = namespaceUri;
            Value = value;
            Kind = kind;
            Key = prefix.Length == 0 ? string.Empty : localName;
        }

        public string Prefix { get; }

        public string LocalName { get; }

        public string Name { get; }

        public string NamespaceUri { get; }

        public string Value { get; }

        public Kind Kind { get; }

        /// <summary>Gets the key the transforms file a declaration (or, inclusive, an xml:* attribute) under.</summary>
        public string Key { get; }

        /// <summary>Gets a value indicating whether it is a default declaration or an xml:* attribute (the transforms' "default namespace node").</summary>
        public bool IsDefaultLike => Kind == Kind.Xml || (Prefix.Length == 0 && LocalName == "xmlns");

        public static Attr From(XmlAttribute a)
        {
            string prefix = a.Prefix;
            string localName = a.LocalName;
            Kind kind = prefix == "xmlns" || (prefix.Length == 0 && localName == "xmlns") ? Kind.Namespace : prefix == "xml" ? Kind.Xml : Kind.Plain;
            return new Attr(prefix, localName, a.Name, a.NamespaceURI, a.Value, kind);
        }
    }
}
