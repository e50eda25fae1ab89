using System.Xml.Linq;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The <c>responseData/data</c> of a verified SmartBridge answer, handed to an <see cref="IPhoneOwnershipBinding"/>.
/// When the service carried its payload as an escaped XML string, the parsed root of that string is the only child
/// of <see cref="Data"/> (parsed with the same hardened reader: no DTD, size cap).
/// </summary>
internal sealed class SmartBridgeResponseData
{
    /// <summary>Initializes a new instance of the <see cref="SmartBridgeResponseData"/> class.</summary>
    /// <param name="data">The <c>data</c> element.</param>
    /// <param name="wasEscaped">Whether the payload was an escaped XML string.</param>
    public SmartBridgeResponseData(XElement data, bool wasEscaped)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        WasEscaped = wasEscaped;
    }

    /// <summary>Gets the <c>data</c> element (a detached copy of the verified body part).</summary>
    public XElement Data { get; }

    /// <summary>Gets a value indicating whether the payload arrived as escaped inner XML.</summary>
    public bool WasEscaped { get; }

    /// <summary>Gets the payload root: the inner document's root when escaped, otherwise <see cref="Data"/> itself.</summary>
    public XElement Payload => WasEscaped ? Data.Elements().First() : Data;

    /// <summary>Finds the trimmed text of the first descendant with a local name (any namespace) under <see cref="Payload"/>.</summary>
    /// <param name="localName">The local name.</param>
    /// <returns>The text, or <see langword="null"/> when absent or empty.</returns>
    public string? Find(string localName)
    {
        ArgumentException.ThrowIfNullOrEmpty(localName);
        XElement? e = Payload.Name.LocalName == localName ? Payload : Payload.Descendants().FirstOrDefault(x => x.Name.LocalName == localName);
        string? value = e?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
