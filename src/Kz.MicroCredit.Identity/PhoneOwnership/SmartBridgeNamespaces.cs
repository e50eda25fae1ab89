namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>The XML namespaces and algorithm URIs of SmartBridge (ШЭП) SOAP 1.1 messages with WS-Security.</summary>
internal static class SmartBridgeNamespaces
{
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string SyncTypes = "http://bip.bee.kz/SyncChannel/v10/Types";
    public const string SyncInterfaces = "http://bip.bee.kz/SyncChannel/v10/Interfaces";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";
    public const string Xmlns = "http://www.w3.org/2000/xmlns/";
    public const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string X509v3ValueType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    public const string Base64BinaryEncoding = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
}
