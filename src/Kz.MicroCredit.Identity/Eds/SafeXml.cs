using System.Buffers;
using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Hardened XML loading for signed documents (SECURITY.md §1 step 1): a size cap, no DTD (a DOCTYPE is an error), no
/// resolver, a nesting limit, and whitespace preserved so that canonical bytes are those the signer produced.
/// </summary>
public static class SafeXml
{
    /// <summary>The default size cap: 4 MiB.</summary>
    public const int DefaultMaxBytes = 4 * 1024 * 1024;

    /// <summary>The default nesting limit.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Loads a document with the hardened settings.</summary>
    /// <param name="xml">The UTF-8 (or declared-encoding) document bytes.</param>
    /// <param name="maxBytes">The size cap.</param>
    /// <param name="maxDepth">The nesting limit.</param>
    /// <returns>The document, with <see cref="XmlDocument.PreserveWhitespace"/> set and no resolver.</returns>
    /// <exception cref="EdsFormatException">Too large, too deep, a DOCTYPE, or not well-formed; <see cref="EdsFormatException.Reason"/> says which.</exception>
    public static XmlDocument Load(ReadOnlySpan<byte> xml, int maxBytes = DefaultMaxBytes, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        if (xml.Length > maxBytes)
        {
            throw new EdsFormatException(ReasonCode.InputTooLarge);
        }

        if (xml.IsEmpty)
        {
            throw new EdsFormatException(ReasonCode.MalformedSignature);
        }

        // The bytes go through a pooled buffer (the DOM keeps nothing of it); the reader settings for the default cap
        // are built once, and each load clones them to hand the reader the document's name table.
        byte[] bytes = ArrayPool<byte>.Shared.Rent(xml.Length);
        try
        {
            xml.CopyTo(bytes);

            // One pass into the DOM (the loader is iterative), the reader atomising names straight into the
            // document's name table (one table, not two); then an iterative depth check before anything recursive
            // (canonicalisers) touches the tree.
            var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            XmlReaderSettings settings = maxBytes == DefaultMaxBytes ? DefaultSettings.Clone() : CreateSettings(maxBytes);
            settings.NameTable = document.NameTable;
            using (var stream = new MemoryStream(bytes, 0, xml.Length, writable: false))
            using (var reader = XmlReader.Create(stream, settings))
            {
                document.Load(reader);
            }

            if (DepthExceeds(document, maxDepth))
            {
                throw new EdsFormatException(ReasonCode.InputTooLarge);
            }

            if (document.DocumentElement is null || document.DocumentType is not null)
            {
                throw new EdsFormatException(ReasonCode.MalformedSignature);
            }

            return document;
        }
        catch (XmlException)
        {
            throw new EdsFormatException(ReasonCode.MalformedSignature);
        }
        catch (InvalidOperationException)
        {
            throw new EdsFormatException(ReasonCode.MalformedSignature);
        }
        catch (ArgumentException)
        {
            // XmlReader accepts an XML declaration the DOM refuses (a version other than exactly "1.0"): XmlDocument
            // then throws ArgumentException from XmlDeclaration's constructor (found by fuzzing).
            throw new EdsFormatException(ReasonCode.MalformedSignature);
        }
        finally
        {
            bytes.AsSpan(0, xml.Length).Clear(); // signed documents carry personal data; the pool is shared
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static readonly XmlReaderSettings DefaultSettings = CreateSettings(DefaultMaxBytes);

    private static XmlReaderSettings CreateSettings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = maxBytes,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    private static bool DepthExceeds(XmlDocument document, int maxDepth)
    {
        // Document-order walk by sibling/parent links: no stack, no allocation. Depth counts elements.
        XmlNode? node = document.FirstChild;
        int depth = 0;
        while (node is not null)
        {
            if (node.NodeType == XmlNodeType.Element)
            {
                if (depth + 1 > maxDepth)
                {
                    return true;
                }

                if (node.FirstChild is { } child)
                {
                    depth++;
                    node = child;
                    continue;
                }
            }

            while (node is not null && node.NextSibling is null)
            {
                node = node.ParentNode;
                if (node is null || node.NodeType == XmlNodeType.Document)
                {
                    return false;
                }

                depth--;
            }

            node = node?.NextSibling;
        }

        return false;
    }

    /// <summary>Loads a document with the hardened settings, without throwing.</summary>
    /// <param name="xml">The document bytes.</param>
    /// <param name="maxBytes">The size cap.</param>
    /// <param name="document">The document.</param>
    /// <param name="failure">Why it could not be loaded.</param>
    /// <returns>Whether it loaded.</returns>
    public static bool TryLoad(ReadOnlySpan<byte> xml, int maxBytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out XmlDocument? document, out ReasonCode failure)
    {
        try
        {
            document = Load(xml, maxBytes);
            failure = default;
            return true;
        }
        catch (EdsFormatException ex)
        {
            document = null;
            failure = ex.Reason;
            return false;
        }
    }
}
