using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The result of processing a callback.</summary>
/// <param name="Status">The status.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record KcmrCallbackResult(KcmrCallbackStatus Status, ReasonCode? Reason)
{
    /// <summary>Gets the HTTP status to answer the provider with: 200 for accepted or duplicate (so it stops
    /// re-sending), 401 for a bad signature, 400 otherwise.</summary>
    public int HttpStatusCode => Status switch
    {
        KcmrCallbackStatus.Accepted or KcmrCallbackStatus.Duplicate => 200,
        _ when Reason == ReasonCode.CeidCallbackSignatureInvalid => 401,
        _ => 400,
    };
}
