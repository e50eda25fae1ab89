using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>How a callback was handled; answer the provider with <see cref="KcmrCallbackResult.HttpStatusCode"/>.</summary>
public enum KcmrCallbackStatus
{
    /// <summary>Verified and applied.</summary>
    Accepted = 1,

    /// <summary>Verified, but already seen (same event, or the session already had a final state): nothing changed.</summary>
    Duplicate = 2,

    /// <summary>Refused (bad signature, stale, malformed, unknown session).</summary>
    Rejected = 3,
}
