using System.Buffers;
using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Hardened XML loading for signed documents (docs/security-model.md §1 step 1): a size cap, no DTD (a DOCTYPE is an error), no
/// resolver, a nesting limit, and whitespace preserved so that canonical bytes are those the signer produced. The parse
/// itself is the library's one hardened loader (<see cref="HardenedXml"/>), shared with the SmartBridge client.
/// </summary>
public static class SafeXml
{
    /// <summary>The default size cap: 4 MiB.</summary>
    public const int DefaultMaxBytes = 4 * 1024 * 1024;

    /// <summary>The default nesting limit.</summary>
    public const int DefaultMaxDepth = HardenedXml.DefaultMaxDepth;

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

            // The reader atomises names straight into the document's name table (one table, not two); the one
            // hardened loader does the parse and its checks.
            var document = new XmlDocument();
            XmlReaderSettings settings = maxBytes == DefaultMaxBytes ? DefaultSettings.Clone() : HardenedXml.CreateSettings(maxBytes);
            settings.NameTable = document.NameTable;
            int length = xml.Length;
            return HardenedXml.Load(document, () => XmlReader.Create(new MemoryStream(bytes, 0, length, writable: false), settings), maxDepth) switch
            {
                HardenedXmlError.None => document,
                HardenedXmlError.TooLarge => throw new EdsFormatException(ReasonCode.InputTooLarge),
                _ => throw new EdsFormatException(ReasonCode.MalformedSignature),
            };
        }
        finally
        {
            bytes.AsSpan(0, xml.Length).Clear(); // signed documents carry personal data; the pool is shared
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static readonly XmlReaderSettings DefaultSettings = HardenedXml.CreateSettings(DefaultMaxBytes);

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
