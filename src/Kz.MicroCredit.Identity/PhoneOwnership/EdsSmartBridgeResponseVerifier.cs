using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Thin adapter from the SmartBridge client to the EDS XML signature verifier (the one general XMLDSig verifier of
/// the SDK). Fails closed until the verifier is wired.
/// </summary>
internal sealed class EdsSmartBridgeResponseVerifier : ISmartBridgeResponseVerifier
{
    public SmartBridgeSignatureCheck Verify(XmlDocument response, XmlElement body, X509Certificate2 gatewayCertificate) =>
        new(false, "verifier-unavailable", null);
}
