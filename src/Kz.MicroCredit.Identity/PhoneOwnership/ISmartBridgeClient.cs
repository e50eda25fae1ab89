using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>Sends one SyncChannel request and returns a checked answer.</summary>
internal interface ISmartBridgeClient
{
    Task<SmartBridgeCallResult> SendAsync(string serviceId, SmartBridgeServiceData data, CancellationToken cancellationToken);
}
