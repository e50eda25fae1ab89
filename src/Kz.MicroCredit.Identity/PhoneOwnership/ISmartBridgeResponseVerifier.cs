using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>Checks the gateway's WS-Security signature over the Body of an answer.</summary>
internal interface ISmartBridgeResponseVerifier
{
    SmartBridgeSignatureCheck Verify(XmlDocument response, XmlElement body, X509Certificate2 gatewayCertificate);
}
