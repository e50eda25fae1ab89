using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Thin adapter from the SmartBridge client to the SDK's one XMLDSig verifier (<see cref="NcaXmlSignatureVerifier"/>):
/// the signature must be the WS-Security one over exactly the Body the client reads, the gateway certificate from the
/// options is supplied (answers often name the signer by issuer+serial only), the signer must be that pinned
/// certificate and chain to the configured trust store at the current time.
/// </summary>
internal sealed class EdsSmartBridgeResponseVerifier : ISmartBridgeResponseVerifier
{
    private readonly SmartBridgeSettings _settings;
    private readonly TimeProvider _timeProvider;

    public EdsSmartBridgeResponseVerifier(SmartBridgeSettings settings, TimeProvider timeProvider)
    {
        _settings = settings;
        _timeProvider = timeProvider;
    }

    public SmartBridgeSignatureCheck Verify(XmlDocument response, XmlElement body, X509Certificate2 gatewayCertificate) =>
        Check(response, body, gatewayCertificate, _settings.Options.GatewayTrustStore ?? NcaTrustStore.Production, _timeProvider);

    internal static SmartBridgeSignatureCheck Check(XmlDocument response, XmlElement body, X509Certificate2 gatewayCertificate, NcaTrustStore trustStore, TimeProvider timeProvider)
    {
        XmlSignatureVerificationResult result = NcaXmlSignatureVerifier.Verify(response, new XmlSignatureVerificationOptions
        {
            TrustStore = trustStore,
            TimeProvider = timeProvider,
            SignerCertificates = [gatewayCertificate],
            AllowStackedSignatures = false,
            ExpectedSignedElement = _ => body,
        });
        if (!result.IsValid)
        {
            return new SmartBridgeSignatureCheck(false, result.Failure?.Value ?? "invalid", null);
        }

        if (result.SignedElement != body)
        {
            return new SmartBridgeSignatureCheck(false, "signed-element", null);
        }

        X509Certificate2? signer = result.SignerCertificate;
        if (signer is null || !signer.RawDataMemory.Span.SequenceEqual(gatewayCertificate.RawDataMemory.Span))
        {
            return new SmartBridgeSignatureCheck(false, "not-gateway", null);
        }

        return new SmartBridgeSignatureCheck(true, null, signer);
    }
}
