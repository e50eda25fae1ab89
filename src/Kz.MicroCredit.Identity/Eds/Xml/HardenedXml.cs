using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>What is wrong with an XML input, as the hardened loader sees it (never its content).</summary>
internal enum HardenedXmlError
{
    /// <summary>Loaded.</summary>
    None,

    /// <summary>No input.</summary>
    Empty,

    /// <summary>Over the size cap or the nesting limit.</summary>
    TooLarge,

    /// <summary>A DOCTYPE (DTDs are prohibited).</summary>
    Dtd,

    /// <summary>Not well-formed, or refused by the DOM.</summary>
    Malformed,
}

/// <summary>
/// The one hardened XML loader of the library (docs/security-model.md §1 step 1), behind both the signed-document
/// loader (<see cref="SafeXml"/>) and the SmartBridge envelope parse: DTDs prohibited (a DOCTYPE is an error), no
/// resolver, a character cap, whitespace preserved (signatures are checked over this very parse), and a nesting limit
/// checked before anything recursive (canonicalisers, XPath) walks the tree. Callers map the error to their own
/// reason codes or exceptions.
/// </summary>
internal static class HardenedXml
{
    /// <summary>The default nesting limit, in elements.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Reader settings for the hardened parse.</summary>
    /// <param name="maxChars">The character cap of the document.</param>
    /// <param name="ignoreProcessingInstructions">Whether processing instructions are dropped (SmartBridge envelopes) or kept (signed documents, whose canonical form includes them).</param>
    /// <returns>New settings; the caller may set the name table.</returns>
    public static XmlReaderSettings CreateSettings(long maxChars, bool ignoreProcessingInstructions = false) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0, // no DTD, so only the predefined and character entities exist
        MaxCharactersInDocument = maxChars,
        IgnoreComments = false,
        IgnoreProcessingInstructions = ignoreProcessingInstructions,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    /// <summary>Loads a document through a reader made with <see cref="CreateSettings"/>, then checks depth and DOCTYPE.</summary>
    /// <param name="document">A new document (its name table may already be the reader's).</param>
    /// <param name="createReader">Creates the reader (inside the error handling: creating one can already fail); it is disposed here.</param>
    /// <param name="maxDepth">The nesting limit, in elements.</param>
    /// <returns><see cref="HardenedXmlError.None"/> when <paramref name="document"/> holds a document that passed every check.</returns>
    public static HardenedXmlError Load(XmlDocument document, Func<XmlReader> createReader, int maxDepth = DefaultMaxDepth)
    {
        document.PreserveWhitespace = true;
        document.XmlResolver = null;
        try
        {
            // One pass into the DOM (the loader is iterative); the depth check walks the tree without recursion.
            using XmlReader reader = createReader();
            document.Load(reader);
        }
        catch (XmlException ex)
        {
            // The message of an XmlException can quote input: only its kind travels on.
            return ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) ? HardenedXmlError.Dtd
                : ex.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) ? HardenedXmlError.TooLarge
                : HardenedXmlError.Malformed;
        }
        catch (InvalidOperationException)
        {
            return HardenedXmlError.Malformed;
        }
        catch (ArgumentException)
        {
            // XmlReader accepts an XML declaration the DOM refuses (a version other than exactly "1.0"): XmlDocument
            // then throws ArgumentException from XmlDeclaration's constructor (found by fuzzing).
            return HardenedXmlError.Malformed;
        }

        if (document.DocumentType is not null)
        {
            return HardenedXmlError.Dtd;
        }

        if (document.DocumentElement is null)
        {
            return HardenedXmlError.Malformed;
        }

        return DepthExceeds(document, maxDepth) ? HardenedXmlError.TooLarge : HardenedXmlError.None;
    }

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
}
