using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>Signs the Body of an unsigned SmartBridge envelope with WS-Security (in place).</summary>
internal interface ISmartBridgeEnvelopeSigner
{
    Task SignAsync(XmlDocument envelope, CancellationToken cancellationToken);
}
