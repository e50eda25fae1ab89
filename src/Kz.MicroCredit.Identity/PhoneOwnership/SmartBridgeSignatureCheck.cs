using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>The result of a response signature check; the failure is a code, never text from input.</summary>
internal readonly record struct SmartBridgeSignatureCheck(bool IsValid, string? FailureCode, X509Certificate2? Signer);
