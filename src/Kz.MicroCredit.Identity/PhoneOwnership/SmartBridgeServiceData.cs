using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The service-specific part of a SmartBridge <c>SendMessage</c>: the content of <c>requestData/data</c> and its
/// <c>xsi:type</c>. Built by an <see cref="IPhoneOwnershipBinding"/>.
/// </summary>
internal sealed class SmartBridgeServiceData
{
    /// <summary>Initializes a new instance of the <see cref="SmartBridgeServiceData"/> class.</summary>
    /// <param name="xsiType">The local name of the <c>xsi:type</c>, e.g. <c>getUserDataRequest</c>.</param>
    /// <param name="writeContent">Writes the children of <c>data</c> (elements in no namespace unless the service says otherwise).</param>
    /// <param name="xsiTypeNamespace">The namespace of the type, or <see langword="null"/> for an unqualified type name.</param>
    public SmartBridgeServiceData(string xsiType, Action<XmlWriter> writeContent, string? xsiTypeNamespace = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(xsiType);
        ArgumentNullException.ThrowIfNull(writeContent);
        if (!IsNcName(xsiType))
        {
            throw new ArgumentException("The xsi:type must be an XML NCName (no prefix).", nameof(xsiType));
        }

        XsiType = xsiType;
        WriteContent = writeContent;
        XsiTypeNamespace = string.IsNullOrEmpty(xsiTypeNamespace) ? null : xsiTypeNamespace;
    }

    /// <summary>Gets the local name of the <c>xsi:type</c>.</summary>
    public string XsiType { get; }

    /// <summary>Gets the namespace of the type, or <see langword="null"/>.</summary>
    public string? XsiTypeNamespace { get; }

    /// <summary>Gets the writer of the children of <c>data</c>.</summary>
    public Action<XmlWriter> WriteContent { get; }

    private static bool IsNcName(string value)
    {
        try
        {
            XmlConvert.VerifyNCName(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
