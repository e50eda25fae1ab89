using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A one-time code as stored: only a keyed hash of the code, bound to its session.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="CodeHash">HMAC-SHA-256 over the session id and the code.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="ExpiresAt">When it expires.</param>
internal sealed record OtpRecord(string SessionId, byte[] CodeHash, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);
