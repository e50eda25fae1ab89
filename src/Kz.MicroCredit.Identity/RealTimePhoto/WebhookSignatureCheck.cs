using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>The result of checking a webhook's signature header.</summary>
internal enum WebhookSignatureCheck
{
    /// <summary>The HMAC matches and the timestamp is within the window.</summary>
    Valid = 0,

    /// <summary>The header is missing or malformed, or no HMAC matches.</summary>
    Invalid = 1,

    /// <summary>The HMAC matches but the timestamp is outside the window.</summary>
    OutOfWindow = 2,
}
