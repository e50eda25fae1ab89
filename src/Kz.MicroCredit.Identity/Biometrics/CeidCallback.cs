using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>A callback the provider posts to the lender's webhook when a hosted session changes state.</summary>
/// <param name="EventId">The event id (duplicates carry the same id).</param>
/// <param name="SessionId">The session id.</param>
/// <param name="SentAt">When the provider sent it (inside the signed body).</param>
/// <param name="State">The session state.</param>
/// <param name="Result">The result when completed.</param>
internal sealed record CeidCallback(string EventId, string SessionId, DateTimeOffset SentAt, CeidSessionState State, CeidMatchResult? Result);
